#include <Python.h>

static PyObject *
store_legacy(PyObject *self)
{
    Py_RETURN_NONE;
}

/* Code under #if 0, or in the #else of #if 1, is never compiled. */
static PyMethodDef store_methods[] = {
#if 0
    {"legacy", (PyCFunction)store_legacy, METH_VARARGS, NULL},
#endif
#if 1
    {NULL}
#else
    {"legacy", (PyCFunction)store_legacy, METH_VARARGS, NULL},
    {NULL}
#endif
};

#if 0
static PyMethodDef store_old_methods[] = {
    {"legacy", (PyCFunction)store_legacy, METH_VARARGS, NULL},
    {NULL}
};
#endif

static PyMethodDef store_live_methods[] = {
    {"legacy", (PyCFunction)store_legacy, METH_VARARGS, NULL}, /* expect: method-signature error */
    {NULL}
};
