#include <Python.h>

/* A project's own object head, statement macro and attribute macro, all used
   without a semicolon where tree-sitter would otherwise stop parsing. */
#define STORE_HEAD \
    PyObject_HEAD  \
    int valid;
#define STORE_INIT(o) \
    do { (o)->valid = 1; } while (0);
#ifdef __GNUC__
#  define KEEP_OUT_OF_LINE __attribute__((noinline))
#else
#  define KEEP_OUT_OF_LINE
#endif

typedef struct {
    STORE_HEAD
    PyObject *items;
} StoreObject;

static void * KEEP_OUT_OF_LINE
store_fail(const char *what)
{
    PyErr_SetString(PyExc_RuntimeError, what);
    return NULL;
}

static PyObject *
store_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    StoreObject *self = PyObject_New(StoreObject, type);
    STORE_INIT(self)
    return (PyObject *)self;
}

static PyObject *
store_close(StoreObject *self)
{
    Py_RETURN_NONE;
}

static PyMethodDef store_methods[] = {
    {"close", (PyCFunction)store_close, METH_NOARGS}, /* expect: method-signature error */
    {NULL}
};
