#include <Python.h>

/* Names concatenated with a string are string macros, not entries without commas. */
#define STORE_PACKAGE "store."
#define STORE_PREFIX "Ordered"

typedef struct {
    PyObject_HEAD
} StoreObject;

static int
store_traverse(StoreObject *self, visitproc visit, void *arg)
{
    return 0;
}

static int
store_clear(StoreObject *self)
{
    return 0;
}

static PyObject *
store_keys(PyObject *self)
{
    return PyList_New(0);
}

static PyTypeObject StoreType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    STORE_PACKAGE STORE_PREFIX "Store",     /* tp_name */
    sizeof(StoreObject), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC, 0,
    (traverseproc)store_traverse,           /* tp_traverse */
    (inquiry)store_clear,                   /* tp_clear */
};

static PyMethodDef store_methods[] = {
    {STORE_PACKAGE STORE_PREFIX "keys", (PyCFunction)store_keys, METH_NOARGS, NULL}, /* expect: method-signature error */
    {NULL}
};

/* One PyMethodDef without an array, as CPython keeps for a single bound method. */
static PyMethodDef store_keys_def = {"keys", (PyCFunction)store_keys, METH_NOARGS, NULL}; /* expect: method-signature error */

/* offsetof with a member path is standard C that tree-sitter does not read. */
static PyTypeObject StoreViewType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    "store.View",
    offsetof(StoreObject, ob_base.ob_refcnt),
};
