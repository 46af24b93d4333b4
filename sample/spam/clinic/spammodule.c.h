/*
 * Argument parsing wrappers for spammodule.c, written by hand in the layout
 * that Argument Clinic generates. Each function has a docstring, a
 * *_METHODDEF macro that expands to one PyMethodDef entry with its trailing
 * comma, a prototype for the *_impl function and the wrapper that CPython
 * calls.
 */

PyDoc_STRVAR(spam_checksum__doc__,
"checksum($module, data, /)\n"
"--\n"
"\n"
"Return the Adler-32 checksum of a bytes-like object.");

#define SPAM_CHECKSUM_METHODDEF    \
    {"checksum", (PyCFunction)spam_checksum, METH_O, spam_checksum__doc__},

static PyObject *
spam_checksum_impl(PyObject *module, Py_buffer *data);

static PyObject *
spam_checksum(PyObject *module, PyObject *arg)
{
    PyObject *return_value = NULL;
    Py_buffer data = {NULL, NULL};

    if (PyObject_GetBuffer(arg, &data, PyBUF_SIMPLE) != 0) {
        goto exit;
    }
    return_value = spam_checksum_impl(module, &data);

exit:
    if (data.obj != NULL) {
        PyBuffer_Release(&data);
    }
    return return_value;
}

PyDoc_STRVAR(spam_split__doc__,
"split($module, data, /, sep=None)\n"
"--\n"
"\n"
"Split a bytes object at sep, or at runs of whitespace when sep is None.");

#define SPAM_SPLIT_METHODDEF    \
    {"split", (PyCFunction)(void(*)(void))spam_split, METH_FASTCALL|METH_KEYWORDS, spam_split__doc__},

static PyObject *
spam_split_impl(PyObject *module, PyObject *data, PyObject *sep);

static PyObject *
spam_split(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *data;
    PyObject *sep = Py_None;
    Py_ssize_t nkwargs = (kwnames == NULL) ? 0 : PyTuple_GET_SIZE(kwnames);
    Py_ssize_t i;

    if (nargs < 1 || nargs > 2) {
        PyErr_Format(PyExc_TypeError,
                     "split() takes 1 or 2 positional arguments (%zd given)",
                     nargs);
        return NULL;
    }
    data = args[0];
    if (nargs == 2) {
        sep = args[1];
    }
    for (i = 0; i < nkwargs; i++) {
        PyObject *name = PyTuple_GET_ITEM(kwnames, i);

        if (PyUnicode_CompareWithASCIIString(name, "sep") != 0) {
            PyErr_Format(PyExc_TypeError,
                         "split() got an unexpected keyword argument %R",
                         name);
            return NULL;
        }
        if (nargs == 2) {
            PyErr_SetString(PyExc_TypeError,
                            "split() got multiple values for argument 'sep'");
            return NULL;
        }
        sep = args[nargs + i];
    }
    return spam_split_impl(module, data, sep);
}

PyDoc_STRVAR(spam_Reader_read__doc__,
"read($self, size=-1, /)\n"
"--\n"
"\n"
"Read at most size bytes, or up to the end when size is negative.");

#define SPAM_READER_READ_METHODDEF    \
    {"read", (PyCFunction)(void(*)(void))spam_Reader_read, METH_FASTCALL, spam_Reader_read__doc__},

static PyObject *
spam_Reader_read_impl(SpamReader *self, Py_ssize_t size);

static PyObject *
spam_Reader_read(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    Py_ssize_t size = -1;

    if (nargs > 1) {
        PyErr_Format(PyExc_TypeError,
                     "read() takes at most 1 argument (%zd given)", nargs);
        return NULL;
    }
    if (nargs == 1) {
        size = PyNumber_AsSsize_t(args[0], PyExc_OverflowError);
        if (size == -1 && PyErr_Occurred()) {
            return NULL;
        }
    }
    return spam_Reader_read_impl((SpamReader *)self, size);
}

PyDoc_STRVAR(spam_Reader_close__doc__,
"close($self, /)\n"
"--\n"
"\n"
"Close the reader. Later reads raise ValueError.");

#define SPAM_READER_CLOSE_METHODDEF    \
    {"close", (PyCFunction)spam_Reader_close, METH_NOARGS, spam_Reader_close__doc__},

static PyObject *
spam_Reader_close_impl(SpamReader *self);

static PyObject *
spam_Reader_close(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return spam_Reader_close_impl((SpamReader *)self);
}
