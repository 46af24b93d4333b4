#include <Python.h>

/* Preprocessor branches that each open a brace leave the body unbalanced for the
   parser, which then loses the function; its header is still read. */
static PyObject *
store_rumble(PyObject *self)
{
#if STORE_NEW_API
    if (store_new_call(self)) {
#else
    if (store_old_call(self) == -1) {
#endif
        Py_RETURN_FALSE;
    }
    Py_RETURN_TRUE;
}

/* Getters defined by a macro, one use per field. */
#define STORE_GETTER(field)                                 \
    static PyObject *store_get_##field(PyObject *self)      \
    {                                                       \
        return PyLong_FromLong(0);                          \
    }

STORE_GETTER(size)
STORE_GETTER(count)

static PyMethodDef store_methods[] = {
    {"rumble", (PyCFunction)store_rumble, METH_O, NULL}, /* expect: method-signature error */
    {NULL}
};

static PyGetSetDef store_getset[] = {
    {"size", (getter)store_get_size, NULL, NULL}, /* expect: getset-signature error */
    {"count", (getter)store_get_count, NULL, NULL}, /* expect: getset-signature error */
    {NULL}
};
