#include "pkg/dates.h"

static PyMethodDef dates_methods[] = {
    {"today", dates_today, METH_VARARGS, NULL}, /* expect: method-signature error */
    {NULL}
};
