/* Shared declarations for the spam extension module. */

#ifndef SPAM_H
#define SPAM_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stddef.h>  /* offsetof */

#if PY_VERSION_HEX < 0x03090000
#  error "spam needs Python 3.9 or newer (METH_METHOD, PyType_FromModuleAndSpec)"
#endif

/* Py_NewRef and PyModule_AddObjectRef were added in 3.10. */
#if PY_VERSION_HEX < 0x030A0000
static inline PyObject *
spam_compat_newref(PyObject *obj)
{
    Py_INCREF(obj);
    return obj;
}
#  define Py_NewRef(obj) spam_compat_newref((PyObject *)(obj))

static inline int
PyModule_AddObjectRef(PyObject *module, const char *name, PyObject *value)
{
    Py_XINCREF(value);
    if (PyModule_AddObject(module, name, value) < 0) {
        Py_XDECREF(value);
        return -1;
    }
    return 0;
}
#endif

/* Casts through void (*)(void) so that compilers accept methods with more
   than two parameters in a PyMethodDef. */
#define SPAM_CFUNC(func) ((PyCFunction)(void (*)(void))(func))

/* Builds a PyMethodDef entry whose Python name is `name`. The docstring
   must be called <func>__doc__. */
#define SPAM_FUNC(name, func, flags) \
    {#name, SPAM_CFUNC(func), (flags), func##__doc__}

typedef struct {
    PyObject_HEAD
    PyObject *data;      /* bytes object being read */
    Py_ssize_t pos;      /* offset of the next unread byte */
    int closed;
} SpamReader;

typedef struct {
    PyObject_HEAD
    Py_ssize_t value;
    PyObject *text;      /* str */
} SpamToken;

typedef struct {
    PyObject_HEAD
    PyObject *entries;   /* dict */
    Py_ssize_t hits;
} SpamCache;

/* Per-module state, stored in PyModuleDef.m_size bytes. */
typedef struct {
    PyTypeObject *cache_type;
    PyObject *error;     /* spam.error */
} spam_state;

extern PyTypeObject SpamReader_Type;
extern PyTypeObject SpamToken_Type;

PyObject *spam_version(PyObject *module);

#endif /* SPAM_H */
