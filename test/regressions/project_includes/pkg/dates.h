#include <Python.h>

/* Included as "pkg/dates.h" from src/, because the build passes the project root with -I. */
PyObject *dates_today(PyObject *self);
