#include <Python.h>

/* Each platform branch declares the function with its own parameters. On each platform
   CPython calls the one declared there, and one of them matches METH_VARARGS. */
#if defined(STORE_ON_WINDOWS)
PyObject *store_pagesize(PyObject *self, PyObject *args, PyObject *kwargs);
#else
PyObject *store_pagesize(PyObject *self, PyObject *args);
#endif

static PyMethodDef store_methods[] = {
    {"pagesize", store_pagesize, METH_VARARGS, NULL},
    {NULL}
};
