#include <Python.h>

static PyObject *
table_ok(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    Py_RETURN_NONE;
}

/* An entry that no macro definition explains hides what it stands for. */
static PyMethodDef table_methods[] = {
    {"ok", table_ok, METH_NOARGS, NULL},
    GENERATED_ENTRY(table_other) @@ /* expect: unparsed-table info */
    {NULL}
};
