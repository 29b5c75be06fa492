//! `Model` and `Lang`, and the `model=` and `lang=` arguments read by the Rust rules:
//! `Model::resolve` (an unknown model gets the shared text) and `Lang::negotiate`.

use std::borrow::Cow;

use hms_catalog::{Lang, Model};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};

/// For which printer and in which language a lookup shows Bambu's own texts.
#[derive(Clone, Copy, Debug)]
pub struct View {
    /// The printer model, or `None` for the text most models share.
    pub model: Option<Model>,
    /// The language, negotiated from the locale asked for.
    pub lang: Lang,
}

/// A printer model the catalog knows.
#[pyclass(frozen, eq, hash, module = "hms_catalog", name = "Model")]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PyModel(pub Model);

#[pymethods]
impl PyModel {
    /// Every model the catalog knows.
    #[classattr]
    #[pyo3(name = "ALL")]
    fn all(py: Python<'_>) -> PyResult<Py<PyTuple>> {
        Ok(PyTuple::new(py, Model::ALL.iter().map(|&m| PyModel(m)))?.unbind())
    }

    /// The model `name` names, leniently: `None` for a well-formed name of a model the catalog
    /// does not know (it gets the text most models share); `ValueError` when malformed.
    #[staticmethod]
    fn resolve(name: String) -> PyResult<Option<PyModel>> {
        Model::resolve(&name).map(|m| m.map(PyModel)).map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// The model `name` names, strictly: `ValueError` for a model the catalog does not know.
    #[staticmethod]
    fn parse(name: String) -> PyResult<PyModel> {
        name.parse().map(PyModel).map_err(|e: hms_catalog::UnknownModel| PyValueError::new_err(e.to_string()))
    }

    /// The id Bambu's lists use (`H2D`, `A1MINI`).
    #[getter]
    fn id(&self) -> &'static str {
        self.0.id()
    }

    /// The name people use (`H2D Pro`, `A1 mini`).
    #[getter]
    fn name(&self) -> &'static str {
        self.0.name()
    }

    /// The first three characters of its serial numbers, if known.
    #[getter]
    fn serial_prefix(&self) -> Option<&'static str> {
        self.0.serial_prefix()
    }

    fn __str__(&self) -> &'static str {
        self.0.id()
    }

    fn __repr__(&self) -> String {
        format!("Model.parse({:?})", self.0.id())
    }
}

/// A language of the official texts.
#[pyclass(frozen, eq, hash, module = "hms_catalog", name = "Lang")]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PyLang(pub Lang);

#[pymethods]
impl PyLang {
    /// Every language.
    #[classattr]
    #[pyo3(name = "ALL")]
    fn all(py: Python<'_>) -> PyResult<Py<PyTuple>> {
        Ok(PyTuple::new(py, Lang::ALL.iter().map(|&l| PyLang(l)))?.unbind())
    }

    /// The language that serves `locale` best (`de-CH`, `de_DE.UTF-8`, `zh-Hant`, `pt-BR`);
    /// any well-formed locale of a language without texts is English. `ValueError` when
    /// malformed.
    #[staticmethod]
    fn negotiate(locale: String) -> PyResult<PyLang> {
        Lang::negotiate(&locale).map(PyLang).map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// Strictly a language code: `en`, `de`, `pt-br`, `zh-cn`... (also `zh`, `zh-Hans`).
    #[staticmethod]
    fn parse(code: String) -> PyResult<PyLang> {
        code.parse().map(PyLang).map_err(|e: hms_catalog::UnknownLang| PyValueError::new_err(e.to_string()))
    }

    /// The code Bambu's files use: `en`, `de`, `pt-br`, `zh-cn`...
    #[getter]
    fn code(&self) -> &'static str {
        self.0.code()
    }

    /// Whether any text of the language is compiled in.
    #[getter]
    fn has_texts(&self) -> bool {
        self.0.has_texts()
    }

    fn __str__(&self) -> &'static str {
        self.0.code()
    }

    fn __repr__(&self) -> String {
        format!("Lang.{}", attribute(self.0))
    }
}

/// The class attribute that names `lang`: `EN`, `PT_BR`, `ZH_CN`.
pub fn attribute(lang: Lang) -> String {
    lang.code().to_ascii_uppercase().replace('-', "_")
}

/// Sets `Lang.EN`, `Lang.DE`... on the class, one for each language of [`Lang::ALL`].
pub fn add_lang_attributes(class: &Bound<'_, pyo3::types::PyType>) -> PyResult<()> {
    for &lang in Lang::ALL {
        class.setattr(attribute(lang).as_str(), PyLang(lang))?;
    }
    Ok(())
}

fn text<'a>(value: &'a Bound<'_, PyAny>, what: &str, class: &str) -> PyResult<Cow<'a, str>> {
    match value.cast::<PyString>() {
        Ok(s) => s.to_cow(),
        Err(_) => {
            let kind = value.get_type().name()?;
            Err(PyTypeError::new_err(format!("{what} must be a str, a {class} or None, not {kind}")))
        }
    }
}

/// The view of `model=` and `lang=`: `None`, a `Model`/`Lang`, or a string read by the Rust
/// rules.
pub fn view_of(model: Option<&Bound<'_, PyAny>>, lang: Option<&Bound<'_, PyAny>>) -> PyResult<View> {
    let model = match model {
        None => None,
        Some(m) => match m.cast::<PyModel>() {
            Ok(m) => Some(m.get().0),
            Err(_) => Model::resolve(&text(m, "model", "Model")?).map_err(|e| PyValueError::new_err(e.to_string()))?,
        },
    };
    let lang = match lang {
        None => Lang::En,
        Some(l) => match l.cast::<PyLang>() {
            Ok(l) => l.get().0,
            Err(_) => Lang::negotiate(&text(l, "lang", "Lang")?).map_err(|e| PyValueError::new_err(e.to_string()))?,
        },
    };
    Ok(View { model, lang })
}
