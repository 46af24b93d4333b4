#include <Python.h>

/* Sources inside a nested build/ folder are linted; only a top-level build/ is skipped. */
static PyObject *
runtime_name(PyObject *self)
{
    return PyUnicode_FromString("runtime");
}

static PyGetSetDef runtime_getset[] = {
    {"name", (getter)runtime_name, NULL, NULL}, /* expect: getset-signature error */
    {NULL}
};
