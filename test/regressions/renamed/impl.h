/* Implementation written under a generic name, renamed by the including file. */
static PyObject *
ShapeExport_get_width(PyObject *self)
{
    Py_RETURN_NONE;
}
