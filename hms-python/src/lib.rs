//! `hms_catalog._native`: the catalog for Python. The package `hms_catalog` (python/) re-exports
//! it; its stub (`__init__.pyi`) documents the API.
//!
//! Nothing here panics on input: every bad value becomes a `ValueError` (bad code, model,
//! locale or report) or a `TypeError` (a value of the wrong type).

use hms_catalog::report::reported;
use hms_catalog::{AnyCode, Hms, Lang, Level, PrintError};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyInt, PyList, PyString, PyTuple};

mod alerts;
mod json;
mod types;
mod view;

use types::{PyEntry, PyLookup, PyModule as PyCatalogModule, PyProcedure};
use view::{PyLang, PyModel, View};

/// At most this many results are kept per model and language, so that any input keeps memory
/// bounded; the cache starts again when it is full.
const CACHE_MAX: usize = 8192;

/// The results of `lookup`, by the code object given: one dict per (model, language).
static CACHES: PyOnceLock<Vec<Py<PyDict>>> = PyOnceLock::new();

/// The results of `lookup(code)` without `model` and `lang`, for a `str` code: the package's
/// `lookup` (python/hms_catalog/__init__.py) reads it before it calls in here, which saves the
/// cost of the call for a code seen before. Only `str` keys: no other type equals one.
static STR_HITS: PyOnceLock<Py<PyDict>> = PyOnceLock::new();

fn str_hits(py: Python<'_>) -> &Bound<'_, PyDict> {
    STR_HITS.get_or_init(py, || PyDict::new(py).unbind()).bind(py)
}

/// The members of the `Level` enum (an `enum.IntEnum`), by id.
static LEVELS: PyOnceLock<Vec<(u16, Py<PyAny>)>> = PyOnceLock::new();

fn caches(py: Python<'_>) -> &Vec<Py<PyDict>> {
    CACHES.get_or_init(py, || {
        let n = (hms_catalog::Model::ALL.len() + 1) * Lang::ALL.len();
        (0..n).map(|_| PyDict::new(py).unbind()).collect()
    })
}

/// The cache of a view: by the model's place in `Model::ALL` (0 for none) and the language's.
fn cache_index(view: View) -> usize {
    let model = view.model.and_then(|m| hms_catalog::Model::ALL.iter().position(|&x| x == m)).map_or(0, |i| i + 1);
    let lang = Lang::ALL.iter().position(|&l| l == view.lang).unwrap_or(0);
    model * Lang::ALL.len() + lang
}

/// The `Level` member of a catalog level.
pub(crate) fn level_member(py: Python<'_>, level: Level) -> Option<Py<PyAny>> {
    let members = LEVELS.get(py)?;
    members.iter().find(|(id, _)| *id == level.id()).map(|(_, m)| m.clone_ref(py))
}

/// Whether `code` may key the cache: a `str`, an `int` or a tuple of two `int`s, exactly
/// (subclasses and floats may compare equal to them and must not find their results).
fn cacheable(code: &Bound<'_, PyAny>) -> bool {
    if code.is_exact_instance_of::<PyString>() || code.is_exact_instance_of::<PyInt>() {
        return true;
    }
    let Ok(tuple) = code.cast_exact::<PyTuple>() else { return false };
    tuple.len() == 2 && tuple.iter().all(|item| item.is_exact_instance_of::<PyInt>())
}

fn u32_of(value: &Bound<'_, PyAny>, what: &str) -> PyResult<u32> {
    if value.is_instance_of::<PyBool>() || !value.is_instance_of::<PyInt>() {
        let kind = value.get_type().name()?;
        return Err(PyTypeError::new_err(format!("{what} must be an int, not {kind}")));
    }
    value.extract::<u32>().map_err(|_| PyValueError::new_err(format!("{what} must be a u32, found {value}")))
}

/// The code `code` stands for: a spelling `parse` accepts, an `(attr, code)` pair or a
/// `print.hms` entry, or a `print_error` number.
fn code_of(code: &Bound<'_, PyAny>) -> PyResult<AnyCode> {
    if let Ok(text) = code.cast::<PyString>() {
        return AnyCode::parse(&text.to_cow()?).map_err(|e| PyValueError::new_err(e.to_string()));
    }
    if code.is_instance_of::<PyInt>() && !code.is_instance_of::<PyBool>() {
        return Ok(PrintError::from_u32(u32_of(code, "print_error")?).into());
    }
    if let Ok(tuple) = code.cast::<PyTuple>() {
        if tuple.len() != 2 {
            return Err(PyValueError::new_err(format!(
                "an HMS code as a tuple is (attr, code), found {} items",
                tuple.len()
            )));
        }
        let attr = u32_of(&tuple.get_item(0)?, "attr")?;
        return Ok(Hms::from_mqtt(attr, u32_of(&tuple.get_item(1)?, "code")?).into());
    }
    if let Ok(entry) = code.cast::<PyDict>() {
        let field = |name: &str| match entry.get_item(name)? {
            Some(value) => u32_of(&value, name),
            None => Err(PyValueError::new_err(format!("a print.hms entry needs `attr` and `code`, found {entry}"))),
        };
        return Ok(Hms::from_mqtt(field("attr")?, field("code")?).into());
    }
    let kind = code.get_type().name()?;
    Err(PyTypeError::new_err(format!(
        "a code is a str, an (attr, code) tuple, a print.hms entry or a print_error int, not {kind}"
    )))
}

/// The catalog's answer for one code; see the stub.
#[pyfunction]
#[pyo3(signature = (code, *, model = None, lang = None))]
fn lookup<'py>(
    py: Python<'py>,
    code: &Bound<'py, PyAny>,
    model: Option<&Bound<'py, PyAny>>,
    lang: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let view = view::view_of(model, lang)?;
    let cache = match (model, lang) {
        (None, None) if code.is_exact_instance_of::<PyString>() => str_hits(py),
        _ => caches(py)[cache_index(view)].bind(py),
    };
    let keep = cacheable(code);
    if keep && let Some(hit) = cache.get_item(code)? {
        return Ok(hit);
    }
    let found = Bound::new(py, PyLookup::new(hms_catalog::lookup(code_of(code)?), view))?.into_any();
    if keep {
        if cache.len() >= CACHE_MAX {
            cache.clear();
        }
        cache.set_item(code, &found)?;
    }
    Ok(found)
}

/// Every code a printer's MQTT report carries; see the stub.
#[pyfunction]
#[pyo3(signature = (report, *, model = None, lang = None))]
fn decode<'py>(
    py: Python<'py>,
    report: &Bound<'py, PyAny>,
    model: Option<&Bound<'py, PyAny>>,
    lang: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    let view = view::view_of(model, lang)?;
    let value = json::report_value(report)?;
    let found = PyList::empty(py);
    for item in reported(&value).unwrap_or_default() {
        let item = item.map_err(|e| PyValueError::new_err(e.to_string()))?;
        found.append(PyLookup::new(hms_catalog::lookup(item.code), view))?;
    }
    Ok(found)
}

/// Every entry of the catalog, in catalog order.
#[pyfunction]
fn entries(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    PyList::new(py, hms_catalog::entries().map(PyEntry))
}

/// Every named procedure of the catalog.
#[pyfunction]
fn procedures(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    PyList::new(py, hms_catalog::procedures().map(PyProcedure))
}

fn level_enum(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    let members: Vec<(String, u16)> = Level::ALL.iter().map(|l| (l.name().to_ascii_uppercase(), l.id())).collect();
    let kwargs = PyDict::new(py);
    kwargs.set_item("module", "hms_catalog")?;
    let level = py.import("enum")?.getattr("IntEnum")?.call(("Level", members), Some(&kwargs))?;
    level.setattr("__doc__", "How bad a code is, as the printer rates it (the code's level).")?;
    let by_id =
        Level::ALL.iter().map(|l| Ok((l.id(), level.call1((l.id(),))?.unbind()))).collect::<PyResult<Vec<_>>>()?;
    let _ = LEVELS.set(py, by_id);
    Ok(level)
}

#[pymodule]
#[pyo3(name = "_native")]
fn native(m: &Bound<'_, pyo3::types::PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("Level", level_enum(m.py())?)?;
    m.add("_hits", str_hits(m.py()))?;
    m.add_class::<PyLookup>()?;
    m.add_class::<PyCatalogModule>()?;
    m.add_class::<PyProcedure>()?;
    m.add_class::<PyEntry>()?;
    m.add_class::<PyModel>()?;
    m.add_class::<PyLang>()?;
    m.add_class::<alerts::PyTracker>()?;
    m.add_class::<alerts::PyEvent>()?;
    m.add_class::<alerts::PyAction>()?;
    view::add_lang_attributes(&m.py().get_type::<PyLang>())?;
    m.add_function(wrap_pyfunction!(lookup, m)?)?;
    m.add_function(wrap_pyfunction!(decode, m)?)?;
    m.add_function(wrap_pyfunction!(entries, m)?)?;
    m.add_function(wrap_pyfunction!(procedures, m)?)?;
    Ok(())
}
