//! The immutable objects the package returns: `Lookup`, `Module`, `Procedure` and `Entry`.
//! Their fields are read from the catalog's tables when asked for.

use hms_catalog::{Entry, Lookup, OfficialText, Procedure, Texts};
use pyo3::IntoPyObjectExt;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple};

use crate::json;
use crate::view::{PyLang, PyModel, View};

fn strings<'py>(py: Python<'py>, texts: impl Iterator<Item = impl ToString>) -> PyResult<Bound<'py, PyTuple>> {
    PyTuple::new(py, texts.map(|t| t.to_string()).collect::<Vec<_>>())
}

/// The fields a `Lookup` keeps once read (the object is cached, so they are read again).
#[derive(Clone, Copy)]
enum Field {
    Code,
    Title,
    Meaning,
    Text,
    WikiUrl,
    Models,
}

const FIELDS: usize = 6;

/// The catalog's answer for one code, for one model and language.
#[pyclass(frozen, module = "hms_catalog", name = "Lookup")]
pub struct PyLookup {
    pub(crate) found: Lookup,
    view: View,
    /// The values of the [`Field`]s read so far.
    kept: [PyOnceLock<Py<PyAny>>; FIELDS],
}

impl PyLookup {
    pub fn new(found: Lookup, view: View) -> PyLookup {
        PyLookup { found, view, kept: [const { PyOnceLock::new() }; FIELDS] }
    }

    /// The field's value: kept from an earlier read, else made by `make` and kept.
    fn kept<'py, T: IntoPyObject<'py>>(
        &self,
        py: Python<'py>,
        field: Field,
        make: impl FnOnce() -> PyResult<T>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let value = self.kept[field as usize].get_or_try_init(py, || make()?.into_py_any(py))?;
        Ok(value.bind(py).clone())
    }

    fn said(&self) -> Option<OfficialText> {
        self.found.official().map(|o| o.text(self.view.model, self.view.lang))
    }

    fn list<'py>(&self, py: Python<'py>, f: fn(&Procedure) -> Texts) -> PyResult<Bound<'py, PyTuple>> {
        match self.found.procedure() {
            Some(p) => strings(py, f(&p)),
            None => Ok(PyTuple::empty(py)),
        }
    }
}

#[pymethods]
impl PyLookup {
    #[getter]
    fn code<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.kept(py, Field::Code, || Ok(self.found.code().to_string()))
    }

    #[getter]
    fn key(&self) -> String {
        self.found.key().to_string()
    }

    #[getter]
    fn channel(&self) -> &'static str {
        self.found.code().channel().name()
    }

    #[getter]
    fn known(&self) -> bool {
        self.found.is_known()
    }

    #[getter]
    fn official(&self) -> bool {
        self.found.is_official()
    }

    #[getter]
    fn module(&self) -> PyModule {
        let module = self.found.module();
        PyModule { id: self.found.code().module_id(), abbr: module.map(|m| m.abbr()), name: module.map(|m| m.name()) }
    }

    #[getter]
    fn module_number(&self) -> u8 {
        self.found.code().module_number()
    }

    #[getter]
    fn unit(&self) -> Option<char> {
        self.found.unit_letter()
    }

    #[getter]
    fn slot(&self) -> Option<u8> {
        self.found.slot()
    }

    #[getter]
    fn level(&self, py: Python<'_>) -> Option<Py<PyAny>> {
        crate::level_member(py, self.found.level()?)
    }

    #[getter]
    fn title<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.kept(py, Field::Title, || Ok(self.found.title().map(|t| t.to_string())))
    }

    #[getter]
    fn meaning<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.kept(py, Field::Meaning, || Ok(self.found.meaning().map(|t| t.to_string())))
    }

    #[getter]
    fn note(&self) -> Option<String> {
        self.found.note().map(|t| t.to_string())
    }

    #[getter]
    fn causes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        strings(py, self.found.causes())
    }

    #[getter]
    fn steps<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        self.list(py, Procedure::steps)
    }

    #[getter]
    fn parts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        self.list(py, Procedure::parts)
    }

    #[getter]
    fn support(&self) -> Option<String> {
        self.found.procedure()?.support().map(|t| t.to_string())
    }

    #[getter]
    fn procedure(&self) -> Option<PyProcedure> {
        self.found.procedure().map(PyProcedure)
    }

    #[getter]
    fn see_also(&self) -> Option<PyProcedure> {
        self.found.see_also().map(PyProcedure)
    }

    #[getter]
    fn variant(&self) -> Option<&'static str> {
        self.found.variant().map(|v| v.name())
    }

    #[getter]
    fn text<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.kept(py, Field::Text, || Ok(self.said().and_then(OfficialText::text).map(|t| t.to_string())))
    }

    #[getter]
    fn silent(&self) -> bool {
        self.found.is_silent(self.view.model)
    }

    /// The class of the alert on the model: `silent`, `status`, `advisory` or `fault`.
    #[getter]
    fn alert(&self) -> &'static str {
        self.found.alert(self.view.model).name()
    }

    /// The buttons the model offers for the code (none without a model).
    #[getter]
    fn actions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let actions: Vec<_> =
            self.view.model.into_iter().flat_map(|m| self.found.actions(m)).map(crate::alerts::PyAction).collect();
        PyTuple::new(py, actions)
    }

    #[getter]
    fn models<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let models = || self.found.official().map_or_else(Vec::new, |o| o.models().map(|m| m.id()).collect());
        self.kept(py, Field::Models, || PyTuple::new(py, models()))
    }

    #[getter]
    fn wiki_url<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.kept(py, Field::WikiUrl, || Ok(self.found.wiki_url(self.view.model).to_string()))
    }

    #[getter]
    fn model(&self) -> Option<PyModel> {
        self.view.model.map(PyModel)
    }

    #[getter]
    fn lang(&self) -> PyLang {
        PyLang(self.view.lang)
    }

    /// The keys and values of `hms explain --json`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let answer = self.found.answer(self.view.model, self.view.lang);
        let value = serde_json::to_value(answer).map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(json::to_python(py, &value)?.cast_into::<PyDict>()?)
    }

    fn __repr__(&self) -> String {
        let code = self.found.code();
        match (self.found.level(), self.found.title()) {
            (Some(level), Some(title)) => format!("<Lookup {code} {}: {title}>", level.name()),
            _ if self.found.is_known() => format!("<Lookup {code}>"),
            _ => format!("<Lookup {code} (not in the catalog)>"),
        }
    }
}

/// The module a code names: its id, and its abbreviation and name if the catalog knows it.
#[pyclass(frozen, eq, get_all, module = "hms_catalog", name = "Module")]
#[derive(PartialEq)]
pub struct PyModule {
    id: u8,
    abbr: Option<&'static str>,
    name: Option<&'static str>,
}

#[pymethods]
impl PyModule {
    fn __repr__(&self) -> String {
        match (self.abbr, self.name) {
            (Some(abbr), Some(name)) => format!("<Module {:02X} {abbr} ({name})>", self.id),
            _ => format!("<Module {:02X}>", self.id),
        }
    }
}

/// A procedure: what to do, in order, with the parts it may need.
#[pyclass(frozen, module = "hms_catalog", name = "Procedure")]
pub struct PyProcedure(pub Procedure);

#[pymethods]
impl PyProcedure {
    /// The name codes refer to it by; empty for steps written on the code itself.
    #[getter]
    fn name(&self) -> &'static str {
        self.0.name()
    }

    #[getter]
    fn title(&self) -> String {
        self.0.title().to_string()
    }

    #[getter]
    fn steps<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        strings(py, self.0.steps())
    }

    #[getter]
    fn parts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        strings(py, self.0.parts())
    }

    #[getter]
    fn support(&self) -> Option<String> {
        self.0.support().map(|t| t.to_string())
    }

    fn __repr__(&self) -> String {
        format!("<Procedure {:?}: {}>", self.0.name(), self.0.title())
    }
}

/// An entry of the catalog: the codes it covers (its patterns) and its texts, unfilled.
#[pyclass(frozen, module = "hms_catalog", name = "Entry")]
pub struct PyEntry(pub Entry);

#[pymethods]
impl PyEntry {
    /// The code the entry is keyed by (its first pattern, varying digits as 0).
    #[getter]
    fn code(&self) -> String {
        self.0.key().to_string()
    }

    /// Its patterns, as the catalog writes them (`07xx_2x00_0002_0001`).
    #[getter]
    fn patterns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        strings(py, self.0.patterns())
    }

    /// Whether it covers a family of codes (a pattern with varying digits).
    #[getter]
    fn is_family(&self) -> bool {
        self.0.is_family()
    }

    /// Its title as `hms list` shows its first pattern: an exact code's filled for it, a
    /// family's with each value that varies as its range ("AMS A-Z slot 1-4 ...").
    #[getter]
    fn title(&self) -> String {
        self.0.pattern().title().to_string()
    }

    /// Its title per pattern, in the order of `patterns`, as `hms list` shows each.
    #[getter]
    fn titles<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        strings(py, self.0.patterns().map(|p| p.title()))
    }

    /// Its title as the catalog writes it, placeholders unfilled (`{unit} slot {slot} ...`).
    #[getter]
    fn title_template(&self) -> String {
        self.0.title_template().to_string()
    }

    #[getter]
    fn meaning(&self) -> Option<String> {
        self.0.meaning_template().map(|t| t.to_string())
    }

    #[getter]
    fn note(&self) -> Option<String> {
        self.0.note_template().map(|t| t.to_string())
    }

    #[getter]
    fn procedure(&self) -> Option<PyProcedure> {
        self.0.procedure().map(PyProcedure)
    }

    /// The name of its `Code` variant in the Rust crate, if it has one.
    #[getter]
    fn variant(&self) -> Option<&'static str> {
        self.0.variant().map(|v| v.name())
    }

    fn __repr__(&self) -> String {
        format!("<Entry {}: {}>", self.0.pattern(), self.0.title_template())
    }
}
