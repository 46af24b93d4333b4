/*
 * spam: a small C extension bundled with pyfpcast as a sample input.
 *
 * It provides a bytes Reader (static type, designated initializer), a Token
 * (static type, positional initializer), a Cache (heap type built from a
 * PyType_Spec) and a few module functions. Most of it is correct. Each line
 * with a deliberate signature bug ends in a marker comment that names the
 * pyfpcast rule and severity, and sample/README.md lists them.
 */

#include "spam.h"
#include "structmember.h"  /* T_OBJECT, T_PYSSIZET, READONLY before 3.12 */

#include <string.h>

#define SPAM_VERSION "1.4.0"

static inline spam_state *
get_spam_state(PyObject *module)
{
    return (spam_state *)PyModule_GetState(module);
}

static int
reader_check_open(SpamReader *reader)
{
    if (reader->data == NULL) {
        PyErr_SetString(PyExc_ValueError, "Reader.__init__() was not called");
        return -1;
    }
    if (reader->closed) {
        PyErr_SetString(PyExc_ValueError, "I/O operation on closed reader");
        return -1;
    }
    return 0;
}

#include "clinic/spammodule.c.h"


/* ---------------------------------------------------------------------- */
/* Module functions                                                        */

static PyObject *
spam_checksum_impl(PyObject *module, Py_buffer *data)
{
    const unsigned char *bytes = data->buf;
    unsigned long a = 1;
    unsigned long b = 0;
    Py_ssize_t i;

    /* The buffer export keeps the memory alive while the GIL is released. */
    Py_BEGIN_ALLOW_THREADS
    for (i = 0; i < data->len; i++) {
        a = (a + bytes[i]) % 65521;
        b = (b + a) % 65521;
    }
    Py_END_ALLOW_THREADS

    return PyLong_FromUnsignedLong((b << 16) | a);
}

static PyObject *
spam_split_impl(PyObject *module, PyObject *data, PyObject *sep)
{
    if (!PyBytes_Check(data)) {
        PyErr_Format(PyExc_TypeError, "split() argument 1 must be bytes, not %.100s",
                     Py_TYPE(data)->tp_name);
        return NULL;
    }
    if (sep == Py_None) {
        return PyObject_CallMethod(data, "split", NULL);
    }
    return PyObject_CallMethod(data, "split", "O", sep);
}

PyDoc_STRVAR(spam_version__doc__,
"version()\n"
"--\n"
"\n"
"Return the version of the spam extension as a string.");

/* Registered as METH_NOARGS, so CPython passes a second argument (NULL). */
PyObject *
spam_version(PyObject *module)
{
    return PyUnicode_FromString(SPAM_VERSION);
}

static PyObject *
spam_describe_object(PyObject *obj)
{
    Py_ssize_t size = PyObject_Size(obj);

    if (size < 0) {
        PyErr_Clear();
        return PyUnicode_FromString(Py_TYPE(obj)->tp_name);
    }
    return PyUnicode_FromFormat("%s of size %zd", Py_TYPE(obj)->tp_name, size);
}

PyDoc_STRVAR(spam_describe__doc__,
"describe(obj, /)\n"
"--\n"
"\n"
"Return the type name of obj and, if it has one, its length.");

/* Both forms below are correct. Builds for 3.13 and newer use METH_FASTCALL,
   older builds keep the METH_VARARGS form. */
#if PY_VERSION_HEX >= 0x030D0000
static PyObject *
spam_describe_fast(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 1) {
        PyErr_Format(PyExc_TypeError,
                     "describe() takes exactly one argument (%zd given)", nargs);
        return NULL;
    }
    return spam_describe_object(args[0]);
}
#else
static PyObject *
spam_describe_tuple(PyObject *module, PyObject *args)
{
    PyObject *obj;

    if (!PyArg_ParseTuple(args, "O:describe", &obj)) {
        return NULL;
    }
    return spam_describe_object(obj);
}
#endif


/* ---------------------------------------------------------------------- */
/* Reader: reads a bytes object sequentially, line by line or in chunks    */

PyDoc_STRVAR(reader_doc,
"Reader(data)\n"
"--\n"
"\n"
"Read a bytes object in chunks or, when iterated, line by line.");

static int
reader_init(PyObject *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"data", NULL};
    SpamReader *reader = (SpamReader *)self;
    PyObject *data;

    if (!PyArg_ParseTupleAndKeywords(args, kwds, "S:Reader", kwlist, &data)) {
        return -1;
    }
    Py_XSETREF(reader->data, Py_NewRef(data));
    reader->pos = 0;
    reader->closed = 0;
    return 0;
}

static int
reader_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(((SpamReader *)self)->data);
    return 0;
}

static int
reader_clear(PyObject *self)
{
    Py_CLEAR(((SpamReader *)self)->data);
    return 0;
}

static void
reader_dealloc(PyObject *self)
{
    PyObject_GC_UnTrack(self);
    (void)reader_clear(self);
    Py_TYPE(self)->tp_free(self);
}

static PyObject *
reader_iternext(PyObject *self)
{
    SpamReader *reader = (SpamReader *)self;
    const char *start;
    const char *newline;
    Py_ssize_t remaining;
    Py_ssize_t length;
    PyObject *line;

    if (reader_check_open(reader) < 0) {
        return NULL;
    }
    remaining = PyBytes_GET_SIZE(reader->data) - reader->pos;
    if (remaining == 0) {
        return NULL;  /* StopIteration */
    }
    start = PyBytes_AS_STRING(reader->data) + reader->pos;
    newline = memchr(start, '\n', (size_t)remaining);
    length = (newline == NULL) ? remaining : (Py_ssize_t)(newline - start) + 1;
    line = PyBytes_FromStringAndSize(start, length);
    if (line != NULL) {
        reader->pos += length;
    }
    return line;
}

static PyObject *
spam_Reader_read_impl(SpamReader *self, Py_ssize_t size)
{
    Py_ssize_t remaining;
    PyObject *chunk;

    if (reader_check_open(self) < 0) {
        return NULL;
    }
    remaining = PyBytes_GET_SIZE(self->data) - self->pos;
    if (size < 0 || size > remaining) {
        size = remaining;
    }
    chunk = PyBytes_FromStringAndSize(PyBytes_AS_STRING(self->data) + self->pos, size);
    if (chunk != NULL) {
        self->pos += size;
    }
    return chunk;
}

static PyObject *
spam_Reader_close_impl(SpamReader *self)
{
    self->closed = 1;
    Py_RETURN_NONE;
}

PyDoc_STRVAR(reader_seek_doc,
"seek(pos, whence=0, /)\n"
"--\n"
"\n"
"Move the read position like io.BytesIO.seek() and return it.");

/* METH_FASTCALL passes nargs as Py_ssize_t, so an int is the wrong width on
   64-bit targets. */
static PyObject *
reader_seek(PyObject *self, PyObject *const *args, int nargs)
{
    SpamReader *reader = (SpamReader *)self;
    Py_ssize_t pos;
    Py_ssize_t size;
    long whence = 0;

    if (nargs < 1 || nargs > 2) {
        PyErr_Format(PyExc_TypeError,
                     "seek() takes 1 or 2 arguments (%d given)", nargs);
        return NULL;
    }
    if (reader_check_open(reader) < 0) {
        return NULL;
    }
    pos = PyNumber_AsSsize_t(args[0], PyExc_OverflowError);
    if (pos == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (nargs == 2) {
        whence = PyLong_AsLong(args[1]);
        if (whence == -1 && PyErr_Occurred()) {
            return NULL;
        }
    }

    size = PyBytes_GET_SIZE(reader->data);
    switch (whence) {
    case 0:
        break;
    case 1:
        pos += reader->pos;
        break;
    case 2:
        pos += size;
        break;
    default:
        PyErr_Format(PyExc_ValueError, "invalid whence (%ld, should be 0, 1 or 2)",
                     whence);
        return NULL;
    }
    if (pos < 0) {
        PyErr_Format(PyExc_ValueError, "negative seek position %zd", pos);
        return NULL;
    }
    reader->pos = (pos > size) ? size : pos;
    return PyLong_FromSsize_t(reader->pos);
}

PyDoc_STRVAR(reader_startswith_doc,
"startswith(prefix, /)\n"
"--\n"
"\n"
"Return True if the unread data starts with prefix.");

/* Correct arity for METH_O, but self is declared as SpamReader * instead of
   PyObject *. */
static PyObject *
reader_startswith(SpamReader *self, PyObject *prefix)
{
    Py_buffer view;
    Py_ssize_t remaining;
    int result;

    if (reader_check_open(self) < 0) {
        return NULL;
    }
    if (PyObject_GetBuffer(prefix, &view, PyBUF_SIMPLE) < 0) {
        return NULL;
    }
    remaining = PyBytes_GET_SIZE(self->data) - self->pos;
    result = view.len <= remaining
             && memcmp(PyBytes_AS_STRING(self->data) + self->pos, view.buf,
                       (size_t)view.len) == 0;
    PyBuffer_Release(&view);
    return PyBool_FromLong(result);
}

PyDoc_STRVAR(reader_rewind_doc,
"rewind($self, /)\n"
"--\n"
"\n"
"Move the read position back to the start.");

static PyObject *
reader_rewind(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    SpamReader *reader = (SpamReader *)self;

    if (reader_check_open(reader) < 0) {
        return NULL;
    }
    reader->pos = 0;
    Py_RETURN_NONE;
}

static PyObject *
reader_enter(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    if (reader_check_open((SpamReader *)self) < 0) {
        return NULL;
    }
    return Py_NewRef(self);
}

static PyObject *
reader_exit(PyObject *self, PyObject *args)
{
    ((SpamReader *)self)->closed = 1;
    Py_RETURN_FALSE;
}

static PyMethodDef reader_methods[] = {
    SPAM_READER_READ_METHODDEF
    SPAM_READER_CLOSE_METHODDEF
    {"seek", SPAM_CFUNC(reader_seek), METH_FASTCALL, reader_seek_doc}, /* expect: method-signature warning */
    {"startswith", (PyCFunction)reader_startswith, METH_O, reader_startswith_doc}, /* expect: method-signature hint */
    {"rewind", reader_rewind, METH_NOARGS | METH_KEYWORDS, reader_rewind_doc}, /* expect: method-flags error */
    {"__enter__", reader_enter, METH_NOARGS, NULL},
    {"__exit__", reader_exit, METH_VARARGS, NULL},
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS,
     PyDoc_STR("See PEP 585")},
    {NULL, NULL, 0, NULL}
};

/* A getter takes (self, closure), but this one omits the closure. */
static PyObject *
reader_get_closed(PyObject *self)
{
    return PyBool_FromLong(((SpamReader *)self)->closed);
}

static PyObject *
reader_get_position(PyObject *self, void *Py_UNUSED(closure))
{
    return PyLong_FromSsize_t(((SpamReader *)self)->pos);
}

static int
reader_set_position(PyObject *self, PyObject *value, void *Py_UNUSED(closure))
{
    SpamReader *reader = (SpamReader *)self;
    Py_ssize_t pos;

    if (value == NULL) {
        PyErr_SetString(PyExc_AttributeError, "cannot delete attribute 'position'");
        return -1;
    }
    if (reader_check_open(reader) < 0) {
        return -1;
    }
    pos = PyNumber_AsSsize_t(value, PyExc_OverflowError);
    if (pos == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (pos < 0 || pos > PyBytes_GET_SIZE(reader->data)) {
        PyErr_Format(PyExc_ValueError, "position %zd is out of range", pos);
        return -1;
    }
    reader->pos = pos;
    return 0;
}

static PyGetSetDef reader_getset[] = {
    {"closed", (getter)reader_get_closed, NULL, /* expect: getset-signature error */
     PyDoc_STR("True after close() was called."), NULL},
    {"position", reader_get_position, reader_set_position,
     PyDoc_STR("Offset of the next byte to read."), NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

static PyMemberDef reader_members[] = {
    {"data", T_OBJECT, offsetof(SpamReader, data), READONLY,
     PyDoc_STR("The bytes object being read.")},
    {NULL}
};

PyTypeObject SpamReader_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "spam.Reader",
    .tp_basicsize = sizeof(SpamReader),
    .tp_dealloc = reader_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_doc = reader_doc,
    .tp_traverse = reader_traverse,
    .tp_clear = reader_clear,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = reader_iternext,
    .tp_methods = reader_methods,
    .tp_members = reader_members,
    .tp_getset = reader_getset,
    .tp_init = reader_init,
    .tp_new = PyType_GenericNew,
};


/* ---------------------------------------------------------------------- */
/* Token: an immutable (value, text) pair                                  */

PyDoc_STRVAR(token_doc,
"Token(value, text)\n"
"--\n"
"\n"
"An integer value with the source text it was parsed from.");

static PyObject *
token_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"value", "text", NULL};
    Py_ssize_t value;
    PyObject *text;
    SpamToken *token;

    if (!PyArg_ParseTupleAndKeywords(args, kwds, "nU:Token", kwlist, &value, &text)) {
        return NULL;
    }
    token = (SpamToken *)type->tp_alloc(type, 0);
    if (token == NULL) {
        return NULL;
    }
    token->value = value;
    token->text = Py_NewRef(text);
    return (PyObject *)token;
}

static void
token_dealloc(PyObject *self)
{
    Py_XDECREF(((SpamToken *)self)->text);
    Py_TYPE(self)->tp_free(self);
}

static PyObject *
token_repr(PyObject *self)
{
    SpamToken *token = (SpamToken *)self;

    return PyUnicode_FromFormat("Token(%zd, %R)", token->value, token->text);
}

static PyObject *
token_str(PyObject *self)
{
    return Py_NewRef(((SpamToken *)self)->text);
}

/* hashfunc returns Py_hash_t. This int version truncates the hash and, on
   64-bit targets, returns a value of the wrong width. */
static int
token_hash(PyObject *self)
{
    int hash = (int)((SpamToken *)self)->value;

    return (hash == -1) ? -2 : hash;
}

static PyObject *
token_richcompare(PyObject *self, PyObject *other, int op)
{
    Py_ssize_t left;
    Py_ssize_t right;

    if (!PyObject_TypeCheck(other, &SpamToken_Type)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    left = ((SpamToken *)self)->value;
    right = ((SpamToken *)other)->value;
    Py_RETURN_RICHCOMPARE(left, right, op);
}

static int
token_bool(PyObject *self)
{
    return ((SpamToken *)self)->value != 0;
}

static PyObject *
token_int(PyObject *self)
{
    return PyLong_FromSsize_t(((SpamToken *)self)->value);
}

/* nb_power is a ternaryfunc: pow(a, b, mod) passes the modulus, and a ** b
   passes Py_None. This version has only two parameters. */
static PyObject *
token_power(PyObject *base, PyObject *exponent)
{
    PyObject *value;
    PyObject *result;

    if (!PyObject_TypeCheck(base, &SpamToken_Type)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    value = PyLong_FromSsize_t(((SpamToken *)base)->value);
    if (value == NULL) {
        return NULL;
    }
    result = PyNumber_Power(value, exponent, Py_None);
    Py_DECREF(value);
    return result;
}

static Py_ssize_t
token_length(PyObject *self)
{
    return PyUnicode_GET_LENGTH(((SpamToken *)self)->text);
}

static PyObject *
token_item(PyObject *self, Py_ssize_t index)
{
    PyObject *text = ((SpamToken *)self)->text;

    if (index < 0 || index >= PyUnicode_GET_LENGTH(text)) {
        PyErr_SetString(PyExc_IndexError, "Token index out of range");
        return NULL;
    }
    return PyUnicode_Substring(text, index, index + 1);
}

static PyObject *
token_replace(PyObject *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"value", "text", NULL};
    SpamToken *token = (SpamToken *)self;
    Py_ssize_t value = token->value;
    PyObject *text = token->text;

    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|$nU:replace", kwlist, &value, &text)) {
        return NULL;
    }
    return PyObject_CallFunction((PyObject *)Py_TYPE(self), "nO", value, text);
}

static PyObject *
token_from_text(PyObject *type, PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_Format(PyExc_TypeError, "from_text() argument must be str, not %.100s",
                     Py_TYPE(text)->tp_name);
        return NULL;
    }
    return PyObject_CallFunction(type, "nO", PyUnicode_GET_LENGTH(text), text);
}

static PyMethodDef token_methods[] = {
    {"replace", SPAM_CFUNC(token_replace), METH_VARARGS | METH_KEYWORDS,
     PyDoc_STR("Return a copy with value and/or text replaced.")},
    {"from_text", token_from_text, METH_O | METH_CLASS,
     PyDoc_STR("Build a Token whose value is the length of text.")},
    {NULL, NULL, 0, NULL}
};

static PyObject *
token_get_length(PyObject *self, void *closure)
{
    return PyLong_FromSsize_t(token_length(self));
}

static PyGetSetDef token_getset[] = {
    {"length", token_get_length, NULL, PyDoc_STR("Length of the text."), NULL},
    {NULL}
};

static PyMemberDef token_members[] = {
    {"value", T_PYSSIZET, offsetof(SpamToken, value), READONLY, NULL},
    {"text", T_OBJECT, offsetof(SpamToken, text), READONLY, NULL},
    {NULL}
};

static PyNumberMethods token_as_number = {
    .nb_power = (ternaryfunc)token_power, /* expect: type-slot-signature error */
    .nb_bool = token_bool,
    .nb_int = token_int,
    .nb_index = token_int,
};

static PySequenceMethods token_as_sequence = {
    token_length,                       /* sq_length */
    0,                                  /* sq_concat */
    0,                                  /* sq_repeat */
    token_item,                         /* sq_item */
};

PyTypeObject SpamToken_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    "spam.Token",                       /* tp_name */
    sizeof(SpamToken),                  /* tp_basicsize */
    0,                                  /* tp_itemsize */
    token_dealloc,                      /* tp_dealloc */
    0,                                  /* tp_vectorcall_offset */
    0,                                  /* tp_getattr */
    0,                                  /* tp_setattr */
    0,                                  /* tp_as_async */
    token_repr,                         /* tp_repr */
    &token_as_number,                   /* tp_as_number */
    &token_as_sequence,                 /* tp_as_sequence */
    0,                                  /* tp_as_mapping */
    (hashfunc)token_hash,               /* tp_hash */ /* expect: type-slot-signature warning */
    0,                                  /* tp_call */
    token_str,                          /* tp_str */
    PyObject_GenericGetAttr,            /* tp_getattro */
    0,                                  /* tp_setattro */
    0,                                  /* tp_as_buffer */
    Py_TPFLAGS_DEFAULT,                 /* tp_flags */
    token_doc,                          /* tp_doc */
    0,                                  /* tp_traverse */
    0,                                  /* tp_clear */
    token_richcompare,                  /* tp_richcompare */
    0,                                  /* tp_weaklistoffset */
    0,                                  /* tp_iter */
    0,                                  /* tp_iternext */
    token_methods,                      /* tp_methods */
    token_members,                      /* tp_members */
    token_getset,                       /* tp_getset */
    0,                                  /* tp_base */
    0,                                  /* tp_dict */
    0,                                  /* tp_descr_get */
    0,                                  /* tp_descr_set */
    0,                                  /* tp_dictoffset */
    0,                                  /* tp_init */
    0,                                  /* tp_alloc */
    token_new,                          /* tp_new */
};


/* ---------------------------------------------------------------------- */
/* Cache: a dict wrapper that counts hits (heap type, one per module)      */

PyDoc_STRVAR(cache_doc,
"Cache()\n"
"--\n"
"\n"
"A mapping that counts successful lookups in its hits attribute.");

static PyObject *
cache_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    SpamCache *cache;

    if (PyTuple_GET_SIZE(args) != 0 || (kwds != NULL && PyDict_GET_SIZE(kwds) != 0)) {
        PyErr_SetString(PyExc_TypeError, "Cache() takes no arguments");
        return NULL;
    }
    cache = (SpamCache *)type->tp_alloc(type, 0);
    if (cache == NULL) {
        return NULL;
    }
    cache->entries = PyDict_New();
    if (cache->entries == NULL) {
        Py_DECREF(cache);
        return NULL;
    }
    cache->hits = 0;
    return (PyObject *)cache;
}

static int
cache_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(Py_TYPE(self));
    Py_VISIT(((SpamCache *)self)->entries);
    return 0;
}

/* tp_clear is an inquiry and must return int, but this one returns void. */
static void
cache_clear(PyObject *self)
{
    Py_CLEAR(((SpamCache *)self)->entries);
}

static void
cache_dealloc(PyObject *self)
{
    PyTypeObject *type = Py_TYPE(self);

    PyObject_GC_UnTrack(self);
    cache_clear(self);
    type->tp_free(self);
    Py_DECREF(type);
}

static Py_ssize_t
cache_length(PyObject *self)
{
    return PyDict_Size(((SpamCache *)self)->entries);
}

static PyObject *
cache_subscript(PyObject *self, PyObject *key)
{
    SpamCache *cache = (SpamCache *)self;
    PyObject *value = PyDict_GetItemWithError(cache->entries, key);

    if (value == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetObject(PyExc_KeyError, key);
        }
        return NULL;
    }
    cache->hits++;
    return Py_NewRef(value);
}

static int
cache_ass_subscript(PyObject *self, PyObject *key, PyObject *value)
{
    SpamCache *cache = (SpamCache *)self;

    if (value == NULL) {
        return PyDict_DelItem(cache->entries, key);
    }
    return PyDict_SetItem(cache->entries, key, value);
}

/* METH_METHOD gives access to the defining class, and through it to the
   module state, even from a subclass instance. */
static PyObject *
cache_lookup(PyObject *self, PyTypeObject *defining_class,
             PyObject *const *args, size_t nargs, PyObject *kwnames)
{
    SpamCache *cache = (SpamCache *)self;
    spam_state *state;
    PyObject *value;

    if (kwnames != NULL && PyTuple_GET_SIZE(kwnames) != 0) {
        PyErr_SetString(PyExc_TypeError, "lookup() takes no keyword arguments");
        return NULL;
    }
    if (nargs != 1) {
        PyErr_Format(PyExc_TypeError, "lookup() takes exactly one argument (%zu given)",
                     nargs);
        return NULL;
    }
    value = PyDict_GetItemWithError(cache->entries, args[0]);
    if (value != NULL) {
        cache->hits++;
        return Py_NewRef(value);
    }
    if (PyErr_Occurred()) {
        return NULL;
    }
    state = get_spam_state(PyType_GetModule(defining_class));
    PyErr_Format(state->error, "%R is not cached", args[0]);
    return NULL;
}

static PyObject *
cache_clear_entries(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    SpamCache *cache = (SpamCache *)self;

    PyDict_Clear(cache->entries);
    cache->hits = 0;
    Py_RETURN_NONE;
}

static PyMethodDef cache_methods[] = {
    {"lookup", SPAM_CFUNC(cache_lookup), METH_METHOD | METH_FASTCALL | METH_KEYWORDS,
     PyDoc_STR("Return the cached value for key or raise spam.error.")},
    {"clear", cache_clear_entries, METH_NOARGS,
     PyDoc_STR("Remove all entries and reset the hit counter.")},
    {NULL, NULL, 0, NULL}
};

static PyMemberDef cache_members[] = {
    {"hits", T_PYSSIZET, offsetof(SpamCache, hits), READONLY,
     PyDoc_STR("Number of successful lookups.")},
    {NULL}
};

static PyType_Slot cache_slots[] = {
    {Py_tp_doc, (void *)cache_doc},
    {Py_tp_new, cache_new},
    {Py_tp_dealloc, cache_dealloc},
    {Py_tp_traverse, cache_traverse},
    {Py_tp_clear, cache_clear}, /* expect: type-slot-signature error */
    {Py_tp_methods, cache_methods},
    {Py_tp_members, cache_members},
    {Py_mp_length, cache_length},
    {Py_mp_subscript, cache_subscript},
    {Py_mp_ass_subscript, cache_ass_subscript},
    {0, NULL}
};

static PyType_Spec cache_spec = {
    .name = "spam.Cache",
    .basicsize = sizeof(SpamCache),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .slots = cache_slots,
};


/* ---------------------------------------------------------------------- */
/* Module definition                                                       */

static PyMethodDef spam_methods[] = {
    SPAM_CHECKSUM_METHODDEF
    SPAM_SPLIT_METHODDEF
    SPAM_FUNC(version, spam_version, METH_NOARGS), /* expect: method-signature error */
#if PY_VERSION_HEX >= 0x030D0000
    {"describe", SPAM_CFUNC(spam_describe_fast), METH_FASTCALL, spam_describe__doc__},
#else
    {"describe", spam_describe_tuple, METH_VARARGS, spam_describe__doc__},
#endif
    {NULL, NULL, 0, NULL}
};

static int
spam_exec(PyObject *module)
{
    spam_state *state = get_spam_state(module);

    state->error = PyErr_NewException("spam.error", NULL, NULL);
    if (state->error == NULL) {
        return -1;
    }
    if (PyModule_AddObjectRef(module, "error", state->error) < 0) {
        return -1;
    }

    state->cache_type = (PyTypeObject *)PyType_FromModuleAndSpec(module, &cache_spec, NULL);
    if (state->cache_type == NULL) {
        return -1;
    }
    if (PyModule_AddObjectRef(module, "Cache", (PyObject *)state->cache_type) < 0) {
        return -1;
    }

    /* PyModule_AddType calls PyType_Ready. */
    if (PyModule_AddType(module, &SpamReader_Type) < 0) {
        return -1;
    }
    if (PyModule_AddType(module, &SpamToken_Type) < 0) {
        return -1;
    }
    return PyModule_AddStringConstant(module, "__version__", SPAM_VERSION);
}

static PyModuleDef_Slot spam_slots[] = {
    {Py_mod_exec, spam_exec},
#if PY_VERSION_HEX >= 0x030C0000
    /* Reader and Token are static types, so every interpreter would share
       one copy of each. These two slots hold values, not functions. */
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
#endif
#if PY_VERSION_HEX >= 0x030D0000
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL}
};

static int
spam_traverse(PyObject *module, visitproc visit, void *arg)
{
    spam_state *state = get_spam_state(module);

    Py_VISIT(state->cache_type);
    Py_VISIT(state->error);
    return 0;
}

/* m_clear is an inquiry and must return int, but this one returns void. */
static void
spam_clear(PyObject *module)
{
    spam_state *state = get_spam_state(module);

    Py_CLEAR(state->cache_type);
    Py_CLEAR(state->error);
}

/* m_free is a freefunc, void (*)(void *). A PyObject * parameter lowers to
   the same type, so only the C types differ. */
static void
spam_free(PyObject *module)
{
    spam_clear(module);
}

PyDoc_STRVAR(spam_doc,
"Byte-reading helpers: Reader, Token, Cache, checksum() and split().");

static struct PyModuleDef spam_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "spam",
    .m_doc = spam_doc,
    .m_size = sizeof(spam_state),
    .m_methods = spam_methods,
    .m_slots = spam_slots,
    .m_traverse = spam_traverse,
    .m_clear = (inquiry)spam_clear, /* expect: module-def-signature error */
    .m_free = (freefunc)spam_free, /* expect: module-def-signature hint */
};

PyMODINIT_FUNC
PyInit_spam(void)
{
    return PyModuleDef_Init(&spam_module);
}
