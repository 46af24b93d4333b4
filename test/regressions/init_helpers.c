#include <Python.h>

/* A static build's helper named like an init function, called directly: not an init function. */
void PyInit_store_static();

void
PyInit_store_static()
{
}

/* Reported once, on the definition, not again on its prototype. */
PyMODINIT_FUNC PyInit_store(PyObject *spec);

PyMODINIT_FUNC
PyInit_store(PyObject *spec) /* expect: init-signature error */
{
    PyInit_store_static();
    return NULL;
}
