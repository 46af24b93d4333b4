#include <Python.h>

static PyObject *
store_get_size(PyObject *self, void *closure)
{
    return PyLong_FromLong(0);
}

static PyObject *
store_close(PyObject *self)
{
    Py_RETURN_NONE;
}

/* The user is typing a new entry; the rest of the file must not fill with reports. */
static PyGetSetDef store_getset[] = { /* expect: unparsed-table info */
    {"size", (getter)store_get_size, (
    {NULL}
};

static Py_ssize_t
store_length(PyObject *self)
{
    size_t count = 0;
    repeat_count(count);
    return (Py_ssize_t)count;
}

static PyMethodDef store_methods[] = {
    {"close", (PyCFunction)store_close, METH_NOARGS, NULL}, /* expect: method-signature error */
    {NULL}
};
