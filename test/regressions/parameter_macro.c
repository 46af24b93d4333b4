#include <Python.h>

/* METH_NOARGS functions whose parameter list is a macro for both parameters. */
#define NO_ARGUMENTS PyObject *self_unused, PyObject *args_unused

static PyObject *
store_flush(NO_ARGUMENTS)
{
    Py_RETURN_NONE;
}

static PyObject *
store_reset(void)
{
    Py_RETURN_NONE;
}

#define ENTRY(name, flags) {#name, (PyCFunction)name, flags, ""},

static PyMethodDef store_methods[] = {
    ENTRY(store_flush, METH_NOARGS)
    ENTRY(store_reset, METH_NOARGS) /* expect: method-signature error */
    {NULL}
};
