//! `Tracker`, `Event` and `Action`: a printer's reports turned into raised and cleared alerts,
//! and the MQTT payload of the buttons Bambu offers for an alert (hms-catalog's `tracker` and
//! `action`).

use hms_catalog::action::{Action, Context, Effect};
use hms_catalog::report::active;
use hms_catalog::tracker::{EventKind, Tracker};
use hms_catalog::{Alert, AnyCode, PrintError, lookup};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyList;

use crate::types::PyLookup;
use crate::view::{self, View};
use crate::{code_of, json};

/// At most this many codes are raised at once; more are counted in `dropped`.
const CAPACITY: usize = 64;
/// At most this many codes can be muted.
const MUTED: usize = 64;

/// Seconds as the tracker's milliseconds.
fn millis(seconds: f64, what: &str) -> PyResult<u64> {
    if !seconds.is_finite() || !(0.0..=1e12).contains(&seconds) {
        return Err(PyValueError::new_err(format!("{what} must be seconds from 0, found {seconds}")));
    }
    Ok((seconds * 1000.0).round() as u64)
}

/// A code raised or cleared.
#[pyclass(frozen, module = "hms_catalog", name = "Event")]
pub struct PyEvent {
    raised: bool,
    at_ms: u64,
    found: Py<PyLookup>,
}

#[pymethods]
impl PyEvent {
    /// `"raised"` or `"cleared"`.
    #[getter]
    fn kind(&self) -> &'static str {
        if self.raised { "raised" } else { "cleared" }
    }

    /// The time given with the report (seconds).
    #[getter]
    fn at(&self) -> f64 {
        self.at_ms as f64 / 1000.0
    }

    /// The code as reported.
    #[getter]
    fn code(&self) -> String {
        self.found.get().found.code().to_string()
    }

    /// The catalog's answer for the code, as `lookup` gives it.
    #[getter]
    fn lookup(&self, py: Python<'_>) -> Py<PyLookup> {
        self.found.clone_ref(py)
    }

    fn __repr__(&self) -> String {
        format!("Event({:?}, {:?}, at={})", self.kind(), self.code(), self.at())
    }
}

/// The alerts of one printer; see the stub.
#[pyclass(module = "hms_catalog", name = "Tracker")]
pub struct PyTracker {
    tracker: Box<Tracker<CAPACITY, MUTED>>,
    view: View,
    /// The least class raised.
    least: Alert,
}

impl PyTracker {
    fn events<'py>(&self, py: Python<'py>, found: Vec<hms_catalog::tracker::Event>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for event in found {
            let answer = Py::new(py, PyLookup::new(lookup(event.code), self.view))?;
            let raised = event.kind == EventKind::Raised;
            list.append(PyEvent { raised, at_ms: event.at, found: answer })?;
        }
        Ok(list)
    }
}

#[pymethods]
impl PyTracker {
    #[new]
    #[pyo3(signature = (*, hold = 10.0, model = None, lang = None, mute = Vec::new(), least = "status"))]
    fn new(
        hold: f64,
        model: Option<&Bound<'_, PyAny>>,
        lang: Option<&Bound<'_, PyAny>>,
        mute: Vec<Bound<'_, PyAny>>,
        least: &str,
    ) -> PyResult<PyTracker> {
        let view = view::view_of(model, lang)?;
        let least = match least.parse::<Alert>() {
            Ok(Alert::Silent) | Err(_) => {
                return Err(PyValueError::new_err(format!(
                    "least must be \"status\", \"advisory\" or \"fault\", found {least:?}"
                )));
            }
            Ok(least) => least,
        };
        let mut tracker = Box::new(Tracker::new(millis(hold, "hold")?));
        for code in &mute {
            tracker
                .mute(code_of(code)?)
                .map_err(|_| PyValueError::new_err(format!("at most {MUTED} codes can be muted")))?;
        }
        Ok(PyTracker { tracker, view, least })
    }

    /// Takes in one report received at `now` (seconds, any origin): a dict (with or without
    /// `print`), JSON text or bytes, as `decode` takes it. Returns the events, clears first.
    fn update<'py>(&mut self, py: Python<'py>, report: &Bound<'py, PyAny>, now: f64) -> PyResult<Bound<'py, PyList>> {
        let now = millis(now, "now")?;
        let value = json::report_value(report)?;
        let (found, errors) = active(&value);
        if let Some(error) = errors.first() {
            return Err(PyValueError::new_err(error.to_string()));
        }
        let (model, least) = (self.view.model, self.least);
        let mut events = Vec::new();
        self.tracker.update(now, found.report(), |code| lookup(code).alert(model) >= least, |e| events.push(e));
        self.events(py, events)
    }

    /// Clears the codes gone for the hold time by `now`.
    fn tick<'py>(&mut self, py: Python<'py>, now: f64) -> PyResult<Bound<'py, PyList>> {
        let mut events = Vec::new();
        self.tracker.tick(millis(now, "now")?, |e| events.push(e));
        self.events(py, events)
    }

    /// Never raises `code` from now on.
    fn mute(&mut self, code: &Bound<'_, PyAny>) -> PyResult<()> {
        self.tracker
            .mute(code_of(code)?)
            .map_err(|_| PyValueError::new_err(format!("at most {MUTED} codes can be muted")))
    }

    /// Raises `code` again when it appears; whether it was muted.
    fn unmute(&mut self, code: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.tracker.unmute(code_of(code)?))
    }

    /// The codes raised and not yet cleared, as reported.
    #[getter]
    fn raised(&self) -> Vec<String> {
        self.tracker.raised().map(|c: AnyCode| c.to_string()).collect()
    }

    /// How many raises were left out because 64 codes were raised.
    #[getter]
    fn dropped(&self) -> u32 {
        self.tracker.dropped()
    }
}

/// A button Bambu offers for an alert, by its id in Bambu's action lists; see the stub.
#[pyclass(frozen, eq, hash, module = "hms_catalog", name = "Action")]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PyAction(pub(crate) Action);

#[pymethods]
impl PyAction {
    #[new]
    fn new(id: &Bound<'_, PyAny>) -> PyResult<PyAction> {
        let id: u16 =
            id.extract().map_err(|_| PyTypeError::new_err(format!("an action id is an int 0-65535, found {id}")))?;
        Ok(PyAction(Action::from_id(id)))
    }

    /// Its id in the action lists.
    #[getter]
    fn id(&self) -> u16 {
        self.0.id()
    }

    /// Its name after BambuStudio's (`ignore_resume`), or `None` for an id it does not name.
    #[getter]
    fn name(&self) -> Option<&'static str> {
        self.0.name()
    }

    /// A short label for the button, or `None` for an id it does not name.
    #[getter]
    fn label(&self) -> Option<&'static str> {
        self.0.label()
    }

    /// What pressing it does: `"send"`, `"opens_page"`, `"nothing"`, `"needs_alert_data"` or
    /// `"unknown"`.
    #[getter]
    fn effect(&self) -> &'static str {
        match self.0.effect() {
            Effect::Send(_) => "send",
            Effect::OpensPage => "opens_page",
            Effect::Nothing => "nothing",
            Effect::NeedsAlertData => "needs_alert_data",
            Effect::Unknown => "unknown",
        }
    }

    /// The JSON payload it sends for the print error `print_error` (an int), or `None` when it
    /// sends nothing the library can build.
    #[pyo3(signature = (print_error, *, sequence_id = 0, job_id = "", subtask_id = ""))]
    fn payload(&self, print_error: u32, sequence_id: u64, job_id: &str, subtask_id: &str) -> Option<String> {
        let context = Context { sequence_id, job_id, subtask_id };
        self.0.command(PrintError::from_u32(print_error), &context).map(|c| c.to_string())
    }

    fn __repr__(&self) -> String {
        format!("Action({})", self.0.id())
    }
}
