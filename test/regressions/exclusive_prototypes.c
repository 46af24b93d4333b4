#include <Python.h>

/* Each platform branch declares the function with its own parameters; the one that
   matches METH_VARARGS is the one CPython sees on that platform. */
#if defined(STORE_ON_WINDOWS)
PyObject *store_pagesize(PyObject *self, PyObject *args, PyObject *kwargs);
#else
PyObject *store_pagesize(PyObject *self, PyObject *args);
#endif

static PyMethodDef store_methods[] = {
    {"pagesize", store_pagesize, METH_VARARGS, NULL},
    {NULL}
};
