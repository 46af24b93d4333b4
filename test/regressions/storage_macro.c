#include <Python.h>

/* A storage-class macro from a header pyfpcast cannot see, before the table type. */
static PyObject *
store_size(PyObject *self)
{
    return PyLong_FromLong(0);
}

STORE_NO_EXPORT PyMethodDef store_methods[] = {
    {"__sizeof__", (PyCFunction)store_size, METH_NOARGS, NULL}, /* expect: method-signature error */
    {NULL}
};
