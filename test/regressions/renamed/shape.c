#include <Python.h>

#define ShapeExport_get_width shape_get_width
#include "impl.h"

static PyGetSetDef shape_getset[] = {
    {"width", (getter)shape_get_width, NULL, NULL}, /* expect: getset-signature error */
    {NULL}
};
