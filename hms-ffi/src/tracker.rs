//! Alerts for C: a tracker in storage the caller owns (`hms_tracker`, no allocation) that
//! turns each report into raised and cleared events, and the MQTT payload of the buttons Bambu
//! offers for an alert. See hms-catalog's `tracker` and `action` modules for the rules.

use core::ffi::{c_char, c_int};
use core::mem::{align_of, size_of};

use hms_catalog::action::{Action, Context};
use hms_catalog::tracker::{Event, EventKind, Report, Tracker};
use hms_catalog::{AnyCode, Channel, Hms, Model, PrintError, lookup};

use crate::boundary::guard;
use crate::{
    HMS_CHANNEL_HMS, HMS_CHANNEL_PRINT_ERROR, HMS_ERR_BAD_ENTRY, HMS_ERR_NULL, HMS_ERR_PARSE, HMS_ERR_UNKNOWN_MODEL,
    HMS_OK, c_str,
};

/// At most this many codes are raised at once in one `hms_tracker`; a further code is not
/// raised (and counted, see `hms_tracker_dropped`) until there is room. Raised codes are never
/// evicted, so every raise gets its clear.
pub const HMS_TRACKER_CAPACITY: usize = 32;
/// At most this many codes can be muted in one `hms_tracker`.
pub const HMS_TRACKER_MUTED: usize = 8;
/// The size of `hms_tracker` in 64-bit words.
pub const HMS_TRACKER_WORDS: usize = 168;
/// An `hms_event` array this long never misses an event of one update or tick (at most every
/// raised code clears and as many are raised).
pub const HMS_TRACKER_MAX_EVENTS: usize = 2 * HMS_TRACKER_CAPACITY;
/// `hms_tracker_mute` found the mute list full.
pub const HMS_ERR_FULL: c_int = -11;
/// `hms_action_payload`: the action sends nothing the library can build (it opens a page of
/// the slicer, sends nothing, needs data the printer sent with the alert, or is not known).
pub const HMS_ERR_NO_COMMAND: c_int = -12;

/// The raised codes of one printer. Opaque: fill it with `hms_tracker_init` before any other
/// call, then pass it only to the `hms_tracker_*` functions. Any memory aligned for a
/// `uint64_t` holds one (a global, a stack variable, a struct member).
#[repr(C)]
pub struct hms_tracker {
    /// Private.
    pub words: [u64; HMS_TRACKER_WORDS],
}

/// A code raised or cleared.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct hms_event {
    /// The code as reported (as in `hms_entry.code`).
    pub code: u64,
    /// The time of the update that produced it, as given.
    pub at_ms: u64,
    /// `HMS_CHANNEL_HMS` or `HMS_CHANNEL_PRINT_ERROR`.
    pub channel: u8,
    /// 1 raised, 0 cleared.
    pub raised: u8,
}

type Inner = Tracker<HMS_TRACKER_CAPACITY, HMS_TRACKER_MUTED>;

/// What `hms_tracker` holds: a mark that it was initialised, the model whose silent codes are
/// left out, and the tracker.
#[repr(C)]
struct Stored {
    mark: u64,
    model: u8,
    tracker: Inner,
}

const MARK: u64 = 0x686d_735f_7472_6b31; // "hms_trk1"
const NO_MODEL: u8 = 0xFF;
const _: () = assert!(size_of::<Stored>() <= size_of::<hms_tracker>());
const _: () = assert!(align_of::<Stored>() <= align_of::<hms_tracker>());

/// The tracker in `t`, if `hms_tracker_init` filled it.
///
/// # Safety
/// `t` is NULL or points to a writable `hms_tracker`.
unsafe fn stored<'a>(t: *mut hms_tracker) -> Result<&'a mut Stored, c_int> {
    // SAFETY: the caller promises NULL or a valid, writable hms_tracker.
    let t = unsafe { t.as_mut() }.ok_or(HMS_ERR_NULL)?;
    if t.words[0] != MARK {
        return Err(HMS_ERR_BAD_ENTRY);
    }
    let ptr = t.words.as_mut_ptr().cast::<Stored>();
    // SAFETY: the storage is large and aligned enough (checked above at compile time), and its
    // mark says `hms_tracker_init` wrote a `Stored` there, which only these functions change.
    Ok(unsafe { &mut *ptr })
}

/// Makes `t` an empty tracker for `model` (NULL: none) that clears a code once it has been
/// missing for `hold_ms` milliseconds from the reports that carry its field (0: at once). The
/// codes Bambu's lists carry without a text for the model are never raised.
///
/// Returns `HMS_OK`, `HMS_ERR_NULL`, or `HMS_ERR_UNKNOWN_MODEL` for a malformed model.
///
/// # Safety
/// `t` is NULL or points to writable memory for an `hms_tracker`; `model` is NULL or a
/// NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hms_tracker_init(t: *mut hms_tracker, hold_ms: u64, model: *const c_char) -> c_int {
    guard(|| {
        // SAFETY: as promised by the caller.
        let model = match unsafe { c_str(model) } {
            None => None,
            Some(s) => match s.ok().map(Model::resolve) {
                Some(Ok(model)) => model,
                _ => return HMS_ERR_UNKNOWN_MODEL,
            },
        };
        if t.is_null() {
            return HMS_ERR_NULL;
        }
        let value = Stored {
            mark: MARK,
            model: model.map_or(NO_MODEL, |m| crate::index_of(Model::ALL, &m)),
            tracker: Inner::new(hold_ms),
        };
        // SAFETY: `t` is not NULL and the caller promises it is writable memory for an
        // hms_tracker, which is large and aligned enough for a `Stored`.
        unsafe { t.cast::<Stored>().write(value) };
        HMS_OK
    })
}

fn code_of(code: u64, channel: u8) -> Result<AnyCode, c_int> {
    let channel = match channel {
        HMS_CHANNEL_HMS => Channel::Hms,
        HMS_CHANNEL_PRINT_ERROR => Channel::PrintError,
        _ => return Err(HMS_ERR_PARSE),
    };
    AnyCode::from_bits(channel, code).ok_or(HMS_ERR_PARSE)
}

/// Never raises `code` (as in `hms_entry.code`) of `channel` from now on.
///
/// Returns `HMS_OK`, `HMS_ERR_FULL` (`HMS_TRACKER_MUTED` codes are muted), `HMS_ERR_PARSE`
/// for a bad channel or a print_error wider than 32 bits, `HMS_ERR_NULL`, or
/// `HMS_ERR_BAD_ENTRY` when `t` was not initialised.
///
/// # Safety
/// `t` is NULL or points to an `hms_tracker`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hms_tracker_mute(t: *mut hms_tracker, code: u64, channel: u8) -> c_int {
    guard(|| {
        // SAFETY: as promised by the caller.
        let stored = match unsafe { stored(t) } {
            Ok(s) => s,
            Err(e) => return e,
        };
        match code_of(code, channel) {
            Ok(code) => stored.tracker.mute(code).map_or(HMS_ERR_FULL, |()| HMS_OK),
            Err(e) => e,
        }
    })
}

fn write_events(found: &[Event], events: &mut [hms_event]) -> usize {
    for (slot, event) in events.iter_mut().zip(found) {
        let channel = match event.code.channel() {
            Channel::Hms => HMS_CHANNEL_HMS,
            Channel::PrintError => HMS_CHANNEL_PRINT_ERROR,
        };
        *slot = hms_event {
            code: event.code.bits(),
            at_ms: event.at,
            channel,
            raised: u8::from(event.kind == EventKind::Raised),
        };
    }
    found.len()
}

/// Events of one call, kept until they are copied out.
struct Found {
    events: [Event; HMS_TRACKER_MAX_EVENTS],
    len: usize,
}

impl Found {
    fn new() -> Found {
        let none = Event::cleared(AnyCode::PrintError(PrintError::from_u32(0)), 0);
        Found { events: [none; HMS_TRACKER_MAX_EVENTS], len: 0 }
    }

    fn push(&mut self, event: Event) {
        if let Some(slot) = self.events.get_mut(self.len) {
            *slot = event;
            self.len += 1;
        }
    }
}

/// The events array as a slice.
///
/// # Safety
/// `events` is NULL with `len` 0, or points to `len` writable `hms_event`s.
unsafe fn events_out<'a>(events: *mut hms_event, len: usize) -> Result<&'a mut [hms_event], c_int> {
    if len == 0 {
        return Ok(&mut []);
    }
    if events.is_null() {
        return Err(HMS_ERR_NULL);
    }
    // SAFETY: not NULL, and the caller promises `len` writable elements.
    Ok(unsafe { core::slice::from_raw_parts_mut(events, len) })
}

/// Takes in one report received at `now_ms`: `hms` holds its `print.hms` list as `hms_count`
/// pairs `attr, code` (`2 * hms_count` values), or is NULL when the report has no `hms`
/// field; `print_error` is its `print.print_error` (0 for none), or -1 when the report has no
/// such field. Entries past the first `HMS_TRACKER_CAPACITY` are left out, as if not reported.
/// A report with neither (a partial update) changes nothing. Codes that appear are
/// raised (unless muted or silent for the model); codes gone for the hold time are cleared.
/// The events, clears first, are copied into `events` (at most `events_len`; with
/// `HMS_TRACKER_MAX_EVENTS` none is ever left out).
///
/// Returns the number of events (more than `events_len` when some did not fit),
/// `HMS_ERR_NULL`, `HMS_ERR_PARSE` for a `print_error` out of range, or `HMS_ERR_BAD_ENTRY`
/// when `t` was not initialised.
///
/// # Safety
/// `t` is NULL or points to an `hms_tracker`; `hms` is NULL or points to `2 * hms_count`
/// values; `events` is NULL with `events_len` 0 or points to `events_len` writable events.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hms_tracker_update(
    t: *mut hms_tracker,
    now_ms: u64,
    hms: *const u32,
    hms_count: usize,
    print_error: i64,
    events: *mut hms_event,
    events_len: usize,
) -> c_int {
    let pairs = if hms.is_null() {
        None
    } else {
        // SAFETY: not NULL, and the caller promises `2 * hms_count` readable values.
        Some(unsafe { core::slice::from_raw_parts(hms, hms_count.saturating_mul(2)) })
    };
    // SAFETY: as promised by the caller.
    unsafe {
        run(t, events, events_len, |stored, found| {
            let print_error = match print_error {
                -1 => None,
                0 => Some(None),
                n => match u32::try_from(n) {
                    Ok(n) => Some(Some(PrintError::from_u32(n))),
                    Err(_) => return Err(HMS_ERR_PARSE),
                },
            };
            let model = Model::ALL.get(usize::from(stored.model)).copied();
            let notify = |code: AnyCode| lookup(code).alert(model).is_shown();
            // The list, copied to the stack: a printer reports a few codes; entries past
            // `HMS_TRACKER_CAPACITY` are left out (taken as not reported).
            let mut list = [Hms::from_u64(0); HMS_TRACKER_CAPACITY];
            let mut n = 0;
            for (slot, pair) in list.iter_mut().zip(pairs.unwrap_or(&[]).chunks_exact(2)) {
                *slot = Hms::from_mqtt(pair[0], pair[1]);
                n += 1;
            }
            let report = Report { hms: pairs.map(|_| &list[..n]), print_error };
            stored.tracker.update(now_ms, report, notify, |e| found.push(e));
            Ok(())
        })
    }
}

/// Clears the codes gone for the hold time by `now_ms`, copying the events as
/// `hms_tracker_update` does; for a printer that has stopped reporting.
///
/// # Safety
/// As `hms_tracker_update`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hms_tracker_tick(
    t: *mut hms_tracker,
    now_ms: u64,
    events: *mut hms_event,
    events_len: usize,
) -> c_int {
    // SAFETY: as promised by the caller.
    unsafe {
        run(t, events, events_len, |stored, found| {
            stored.tracker.tick(now_ms, |e| found.push(e));
            Ok(())
        })
    }
}

/// The body shared by `hms_tracker_update` and `hms_tracker_tick`: checks the tracker and the
/// events buffer, runs `body` on the tracker, and copies the events it gathered into the
/// caller's buffer; returns their number or the error.
///
/// # Safety
/// `t` is NULL or points to an `hms_tracker`; `events` is NULL with `events_len` 0 or points
/// to `events_len` writable events.
unsafe fn run(
    t: *mut hms_tracker,
    events: *mut hms_event,
    events_len: usize,
    body: impl FnOnce(&mut Stored, &mut Found) -> Result<(), c_int>,
) -> c_int {
    guard(|| {
        // SAFETY: as promised by the caller.
        let (stored, out) = match unsafe { (stored(t), events_out(events, events_len)) } {
            (Ok(s), Ok(out)) => (s, out),
            (Err(e), _) | (_, Err(e)) => return e,
        };
        let mut found = Found::new();
        if let Err(e) = body(stored, &mut found) {
            return e;
        }
        let n = write_events(&found.events[..found.len], out);
        c_int::try_from(n).unwrap_or(c_int::MAX)
    })
}

/// How many raises were left out because `HMS_TRACKER_CAPACITY` codes were raised; negative
/// as the other functions on error.
///
/// # Safety
/// `t` is NULL or points to an `hms_tracker`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hms_tracker_dropped(t: *mut hms_tracker) -> c_int {
    guard(|| {
        // SAFETY: as promised by the caller.
        match unsafe { stored(t) } {
            Ok(s) => c_int::try_from(s.tracker.dropped()).unwrap_or(c_int::MAX),
            Err(e) => e,
        }
    })
}

/// Copies into `buf` the MQTT payload (JSON, for the topic `device/<serial>/request`) that the
/// button `action_id` of Bambu's action lists sends for the print error `print_error`, as
/// BambuStudio sends it: `sequence_id` is any counter, `job_id` and `subtask_id` the current
/// job's `print.job_id` and `print.subtask_id` from the printer's report (NULL: empty).
///
/// Returns the payload's length (as snprintf: the whole length, even when `buf` is too small;
/// `buf` may be NULL with `len` 0 to measure), `HMS_ERR_NO_COMMAND` when the action sends
/// nothing the library can build, `HMS_ERR_PARSE` when a string is not UTF-8.
///
/// # Safety
/// `buf` is NULL with `len` 0 or points to `len` writable bytes; `job_id` and `subtask_id` are
/// NULL or NUL-terminated strings.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hms_action_payload(
    action_id: u16,
    print_error: u32,
    sequence_id: u64,
    job_id: *const c_char,
    subtask_id: *const c_char,
    buf: *mut c_char,
    len: usize,
) -> c_int {
    guard(|| {
        // SAFETY: as promised by the caller.
        let (job_id, subtask_id) = match unsafe { (c_str(job_id), c_str(subtask_id)) } {
            (Some(Err(())), _) | (_, Some(Err(()))) => return HMS_ERR_PARSE,
            (job, sub) => (job.and_then(Result::ok).unwrap_or(""), sub.and_then(Result::ok).unwrap_or("")),
        };
        let context = Context { sequence_id, job_id, subtask_id };
        let Some(command) = Action::from_id(action_id).command(PrintError::from_u32(print_error), &context) else {
            return HMS_ERR_NO_COMMAND;
        };
        // SAFETY: the caller promises `len` writable bytes at `buf` (or NULL).
        match unsafe { crate::buffer::c_buffer(buf, len) } {
            Ok(out) => crate::buffer::finish(out, command),
            Err(e) => e,
        }
    })
}
