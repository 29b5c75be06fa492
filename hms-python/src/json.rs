//! JSON values between Rust and Python: a report given as a dict or as JSON text, and the CLI's
//! `--json` value as a dict.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

/// Containers nested deeper than this are refused, as serde_json refuses them in text (it also
/// keeps a dict that holds itself from recursing without end).
const MAX_DEPTH: usize = 128;

/// A report as the CLI reads it: from JSON text (`str` or `bytes`) or a parsed dict.
pub fn report_value(report: &Bound<'_, PyAny>) -> PyResult<Value> {
    let parsed = if let Ok(text) = report.cast::<PyString>() {
        serde_json::from_str(&text.to_cow()?)
    } else if let Ok(bytes) = report.cast::<PyBytes>() {
        serde_json::from_slice(bytes.as_bytes())
    } else if report.is_instance_of::<PyDict>() {
        return from_python(report, 0);
    } else {
        let kind = report.get_type().name()?;
        return Err(PyTypeError::new_err(format!("a report is a dict or its JSON text, not {kind}")));
    };
    match parsed.map_err(|e| PyValueError::new_err(format!("the report is not JSON: {e}")))? {
        object @ Value::Object(_) => Ok(object),
        _ => Err(PyValueError::new_err("the report is not a JSON object")),
    }
}

/// A Python value as JSON: dicts, lists, tuples, str, int, float, bool and None. Anything else
/// (no report field holds it) is `null`; keys that are not `str` are left out.
fn from_python(value: &Bound<'_, PyAny>, depth: usize) -> PyResult<Value> {
    if depth > MAX_DEPTH {
        return Err(PyValueError::new_err(format!("the report is nested deeper than {MAX_DEPTH} levels")));
    }
    if value.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = value.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if value.is_instance_of::<PyInt>() {
        if let Ok(n) = value.extract::<i64>() {
            return Ok(n.into());
        }
        if let Ok(n) = value.extract::<u64>() {
            return Ok(n.into());
        }
        // Beyond 64 bits: a float, as serde_json reads such a number in text.
        return Ok(value.extract::<f64>().ok().and_then(Number::from_f64).map_or(Value::Null, Value::Number));
    }
    if let Ok(f) = value.cast::<PyFloat>() {
        return Ok(Number::from_f64(f.value()).map_or(Value::Null, Value::Number));
    }
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if let Ok(dict) = value.cast::<PyDict>() {
        let mut map = Map::new();
        for (k, v) in dict.iter() {
            if let Ok(k) = k.cast::<PyString>() {
                map.insert(k.to_cow()?.into_owned(), from_python(&v, depth + 1)?);
            }
        }
        return Ok(Value::Object(map));
    }
    if let Ok(list) = value.cast::<PyList>() {
        return list.iter().map(|v| from_python(&v, depth + 1)).collect();
    }
    if let Ok(tuple) = value.cast::<PyTuple>() {
        return tuple.iter().map(|v| from_python(&v, depth + 1)).collect();
    }
    Ok(Value::Null)
}

/// A JSON value as Python: dict, list, str, int, float, bool and None.
pub fn to_python<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any(),
            (_, Some(u)) => u.into_pyobject(py)?.into_any(),
            _ => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            PyList::new(py, items.iter().map(|v| to_python(py, v)).collect::<PyResult<Vec<_>>>()?)?.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, to_python(py, v)?)?;
            }
            dict.into_any()
        }
    })
}
