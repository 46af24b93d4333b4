/**
 * The prototypes CPython calls extension functions with, written as C so the same
 * declaration reader that reads extension code reads them. Parameter names are the ones
 * a quick fix writes. The sources are identical from CPython 3.8 to 3.13 unless noted.
 * They are:
 * Include/object.h (slot typedefs), Include/cpython/object.h (sendfunc, 3.10+),
 * Include/pybuffer.h (buffer typedefs, Include/cpython/object.h before 3.11),
 * Include/methodobject.h (PyCFunction family, PyCMethod 3.9+), Include/descrobject.h
 * (getter, setter), Include/moduleobject.h (Py_mod_create, Py_mod_exec) and
 * Python/importdl.h (the PyInit_* function the import machinery calls).
 */
export const CONTRACT_PROTOTYPES = `
typedef PyObject *(*unaryfunc)(PyObject *self);
typedef PyObject *(*binaryfunc)(PyObject *self, PyObject *other);
typedef PyObject *(*ternaryfunc)(PyObject *self, PyObject *args, PyObject *kwargs);
typedef int (*inquiry)(PyObject *self);
typedef Py_ssize_t (*lenfunc)(PyObject *self);
typedef PyObject *(*ssizeargfunc)(PyObject *self, Py_ssize_t index);
typedef int (*ssizeobjargproc)(PyObject *self, Py_ssize_t index, PyObject *value);
typedef int (*objobjargproc)(PyObject *self, PyObject *key, PyObject *value);
typedef int (*objobjproc)(PyObject *self, PyObject *value);
typedef int (*traverseproc)(PyObject *self, visitproc visit, void *arg);
typedef void (*freefunc)(void *self);
typedef void (*destructor)(PyObject *self);
typedef PyObject *(*getattrfunc)(PyObject *self, char *name);
typedef PyObject *(*getattrofunc)(PyObject *self, PyObject *name);
typedef int (*setattrfunc)(PyObject *self, char *name, PyObject *value);
typedef int (*setattrofunc)(PyObject *self, PyObject *name, PyObject *value);
typedef PyObject *(*reprfunc)(PyObject *self);
typedef Py_hash_t (*hashfunc)(PyObject *self);
typedef PyObject *(*richcmpfunc)(PyObject *self, PyObject *other, int op);
typedef PyObject *(*getiterfunc)(PyObject *self);
typedef PyObject *(*iternextfunc)(PyObject *self);
typedef PyObject *(*descrgetfunc)(PyObject *self, PyObject *obj, PyObject *type);
typedef int (*descrsetfunc)(PyObject *self, PyObject *obj, PyObject *value);
typedef int (*initproc)(PyObject *self, PyObject *args, PyObject *kwargs);
typedef PyObject *(*newfunc)(PyTypeObject *type, PyObject *args, PyObject *kwargs);
typedef PyObject *(*allocfunc)(PyTypeObject *type, Py_ssize_t nitems);
typedef PyObject *(*vectorcallfunc)(PyObject *callable, PyObject *const *args, size_t nargsf, PyObject *kwnames);
typedef PySendResult (*sendfunc)(PyObject *iter, PyObject *value, PyObject **result);
typedef int (*getbufferproc)(PyObject *self, Py_buffer *view, int flags);
typedef void (*releasebufferproc)(PyObject *self, Py_buffer *view);

typedef PyObject *(*PyCFunction)(PyObject *self, PyObject *args);
typedef PyObject *(*PyCFunctionWithKeywords)(PyObject *self, PyObject *args, PyObject *kwargs);
typedef PyObject *(*PyCFunctionFast)(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
typedef PyObject *(*PyCFunctionFastWithKeywords)(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames);
typedef PyObject *(*PyCMethod)(PyObject *self, PyTypeObject *defining_class, PyObject *const *args, size_t nargs, PyObject *kwnames);
typedef PyObject *(*METH_NOARGS)(PyObject *self, PyObject *ignored);
typedef PyObject *(*METH_O)(PyObject *self, PyObject *arg);

typedef PyObject *(*getter)(PyObject *self, void *closure);
typedef int (*setter)(PyObject *self, PyObject *value, void *closure);

typedef PyObject *(*nb_power)(PyObject *self, PyObject *exponent, PyObject *modulus);
typedef PyObject *(*nb_inplace_power)(PyObject *self, PyObject *exponent, PyObject *modulus);

typedef PyObject *(*Py_mod_create)(PyObject *spec, PyModuleDef *def);
typedef int (*Py_mod_exec)(PyObject *module);
typedef PyObject *(*PyModInitFunction)(void);
`;

/**
 * Contracts that share a typedef in CPython's headers but pass different arguments or
 * name them differently: METH_NOARGS and METH_O functions are stored as PyCFunction, and
 * the power slots are ternaryfunc with an exponent and a modulus (None when absent).
 */
export const CONTRACT_TYPEDEF_NAMES: Readonly<Record<string, string>> = {
  METH_NOARGS: 'PyCFunction',
  METH_O: 'PyCFunction',
  nb_power: 'ternaryfunc',
  nb_inplace_power: 'ternaryfunc',
};
