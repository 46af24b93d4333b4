#include <Python.h>

/* The Argument Clinic header that defines these entry macros is not included. */
static PyMethodDef store_methods[] = {
    STORE_OPEN_METHODDEF /* expect: unparsed-table info */
    STORE_CLOSE_METHODDEF /* expect: unparsed-table info */
    {NULL}
};
