//! From a stream of printer reports to alerts: which codes are raised and which are cleared.
//!
//! A printer repeats its whole list of active codes in every full report (`print.hms`, and
//! `print.print_error` with `0` for "none"), and sends partial reports that leave one or both
//! out. A [`Tracker`] keeps the codes it has raised and compares each report with them:
//!
//! * a code that appears and should notify (the caller decides, for example from the code's
//!   alert class, and the tracker's mute list has the last word) is **raised**, once;
//! * a code that is gone from a report that carries its channel is **cleared** only after it
//!   stayed away for the hold time; if it comes back within the hold time nothing happens, so a
//!   code that flaps every few seconds raises once and clears once;
//! * a report without `hms` leaves the `print.hms` codes as they are, and one without
//!   `print_error` the `print_error` code: a partial update changes nothing.
//!
//! Every event comes in a pair: a code is cleared only after it was raised, and raised again
//! only after it was cleared. The state is fixed: at most `N` raised codes and `M` muted codes,
//! no allocation, so the tracker runs in firmware as it does on a server. Time is what the
//! caller says it is (milliseconds from any origin); a clock that steps back counts as no time
//! passing.
//!
//! Overflow: when `N` codes are raised and another one should be, the new code is not raised
//! (no event, nothing tracked) and [`Tracker::dropped`] counts it; it is raised by a later
//! report once there is room. Raised codes are never evicted, so no clear is ever lost.
//!
//! ```
//! use hms_core::tracker::{Event, Report, Tracker};
//! use hms_core::{AnyCode, Hms};
//!
//! let jam = Hms::from_mqtt(0x0700_2000, 0x0002_0003);
//! let mut tracker: Tracker<8> = Tracker::new(5_000);
//! let mut events = Vec::new();
//! let notify = |_: AnyCode| true;
//!
//! tracker.update(0, Report::full(&[jam], None), notify, |e| events.push(e));
//! tracker.update(1_000, Report::full(&[], None), notify, |e| events.push(e)); // gone...
//! tracker.update(2_000, Report::full(&[jam], None), notify, |e| events.push(e)); // ...back in time
//! tracker.update(3_000, Report::full(&[], None), notify, |e| events.push(e));
//! tracker.update(4_000, Report::partial(), notify, |e| events.push(e)); // changes nothing
//! tracker.tick(8_000, |e| events.push(e)); // away for 5 s: cleared
//! assert_eq!(events, [Event::raised(jam.into(), 0), Event::cleared(jam.into(), 8_000)]);
//! ```

use crate::{AnyCode, Channel, Hms, PrintError};

/// What happened to a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventKind {
    /// The code appeared and should notify.
    Raised,
    /// The code is gone and stayed away for the hold time.
    Cleared,
}

/// An alert raised or cleared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Event {
    /// Raised or cleared.
    pub kind: EventKind,
    /// The code as the printer reported it.
    pub code: AnyCode,
    /// The time of the update that produced the event, as the caller gave it.
    pub at: u64,
}

impl Event {
    /// A raised event.
    pub const fn raised(code: AnyCode, at: u64) -> Event {
        Event { kind: EventKind::Raised, code, at }
    }

    /// A cleared event.
    pub const fn cleared(code: AnyCode, at: u64) -> Event {
        Event { kind: EventKind::Cleared, code, at }
    }
}

/// The codes one report carries: `None` where the report leaves a channel out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Report<'a> {
    /// `print.hms`, if the report has it (an empty list: no code is active).
    pub hms: Option<&'a [Hms]>,
    /// `print.print_error`, if the report has it (`Some(None)` for the value 0: no error).
    pub print_error: Option<Option<PrintError>>,
}

impl<'a> Report<'a> {
    /// A report with both channels: these `print.hms` codes and this `print_error` (`None`
    /// for 0).
    pub const fn full(hms: &'a [Hms], print_error: Option<PrintError>) -> Report<'a> {
        Report { hms: Some(hms), print_error: Some(print_error) }
    }

    /// A report with neither channel (a partial update about something else).
    pub const fn partial() -> Report<'a> {
        Report { hms: None, print_error: None }
    }

    /// Whether the report carries `channel`.
    pub const fn carries(&self, channel: Channel) -> bool {
        match channel {
            Channel::Hms => self.hms.is_some(),
            Channel::PrintError => self.print_error.is_some(),
        }
    }

    /// Whether `code` is active in this report (false for a channel it leaves out).
    pub fn contains(&self, code: AnyCode) -> bool {
        match code {
            AnyCode::Hms(hms) => self.hms.is_some_and(|list| list.contains(&hms)),
            AnyCode::PrintError(error) => self.print_error == Some(Some(error)),
        }
    }

    fn codes(&self) -> impl Iterator<Item = AnyCode> + '_ {
        let hms = self.hms.unwrap_or(&[]).iter().map(|&h| AnyCode::Hms(h));
        let error = self.print_error.flatten().map(AnyCode::PrintError);
        hms.chain(error)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Raised {
    code: AnyCode,
    /// Since when the code has been missing from reports that carry its channel.
    gone_since: Option<u64>,
}

/// The raised codes of one printer, and the codes muted for it. See the [module](self).
#[derive(Clone, Debug)]
pub struct Tracker<const N: usize, const M: usize = 8> {
    raised: [Option<Raised>; N],
    muted: [Option<AnyCode>; M],
    hold_ms: u64,
    dropped: u32,
}

/// [`Tracker::mute`] found the mute list full.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MuteListFull;

impl core::fmt::Display for MuteListFull {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("the mute list is full")
    }
}

impl<const N: usize, const M: usize> Tracker<N, M> {
    /// A tracker with nothing raised, nothing muted, clearing a code once it has been gone for
    /// `hold_ms` milliseconds (0: at the first report without it).
    pub const fn new(hold_ms: u64) -> Tracker<N, M> {
        Tracker { raised: [None; N], muted: [None; M], hold_ms, dropped: 0 }
    }

    /// The hold time in milliseconds.
    pub const fn hold_ms(&self) -> u64 {
        self.hold_ms
    }

    /// Mutes `code`: it is never raised from now on (if it is raised now, it still clears).
    pub fn mute(&mut self, code: AnyCode) -> Result<(), MuteListFull> {
        if self.is_muted(code) {
            return Ok(());
        }
        let free = self.muted.iter_mut().find(|m| m.is_none()).ok_or(MuteListFull)?;
        *free = Some(code);
        Ok(())
    }

    /// Unmutes `code`; whether it was muted.
    pub fn unmute(&mut self, code: AnyCode) -> bool {
        let slot = self.muted.iter_mut().find(|m| **m == Some(code));
        slot.map(|m| *m = None).is_some()
    }

    /// Whether `code` is muted.
    pub fn is_muted(&self, code: AnyCode) -> bool {
        self.muted.contains(&Some(code))
    }

    /// The codes raised and not yet cleared (including those waiting out the hold time).
    pub fn raised(&self) -> impl Iterator<Item = AnyCode> + '_ {
        self.raised.iter().flatten().map(|r| r.code)
    }

    /// How many raises were left out because `N` codes were raised already.
    pub const fn dropped(&self) -> u32 {
        self.dropped
    }

    /// Takes in one report received at `now`: raises the codes that appear and for which
    /// `notify` says yes (muted codes never), marks the codes that are gone, and clears the
    /// codes gone for the hold time (as [`Tracker::tick`]). Events go to `emit` in order:
    /// clears first, then raises in report order.
    pub fn update(
        &mut self,
        now: u64,
        report: Report<'_>,
        mut notify: impl FnMut(AnyCode) -> bool,
        mut emit: impl FnMut(Event),
    ) {
        for raised in self.raised.iter_mut().flatten() {
            if !report.carries(raised.code.channel()) {
                continue;
            }
            if report.contains(raised.code) {
                raised.gone_since = None;
            } else if raised.gone_since.is_none() {
                raised.gone_since = Some(now);
            }
        }
        self.tick(now, &mut emit);
        for code in report.codes() {
            if self.raised().any(|c| c == code) || self.is_muted(code) || !notify(code) {
                continue;
            }
            match self.raised.iter_mut().find(|r| r.is_none()) {
                Some(free) => {
                    *free = Some(Raised { code, gone_since: None });
                    emit(Event::raised(code, now));
                }
                None => self.dropped = self.dropped.saturating_add(1),
            }
        }
    }

    /// Clears the codes that have been gone for the hold time by `now`.
    pub fn tick(&mut self, now: u64, mut emit: impl FnMut(Event)) {
        for slot in &mut self.raised {
            let expired =
                slot.and_then(|r| r.gone_since).is_some_and(|since| now.saturating_sub(since) >= self.hold_ms);
            if let Some(raised) = slot.take_if(|_| expired) {
                emit(Event::cleared(raised.code, now));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::vec::Vec;

    use proptest::prelude::*;

    use super::*;

    fn hms(id: u16) -> Hms {
        Hms::from_mqtt(0x0700_2000, 0x0002_0000 | id as u32)
    }

    fn run<const N: usize>(tracker: &mut Tracker<N>, now: u64, report: Report<'_>) -> Vec<Event> {
        let mut events = Vec::new();
        tracker.update(now, report, |_| true, |e| events.push(e));
        events
    }

    #[test]
    fn a_code_is_raised_once_and_cleared_after_the_hold() {
        let mut t: Tracker<4> = Tracker::new(1_000);
        let a = hms(1);
        assert_eq!(run(&mut t, 0, Report::full(&[a], None)), [Event::raised(a.into(), 0)]);
        assert_eq!(run(&mut t, 10, Report::full(&[a], None)), []);
        assert_eq!(run(&mut t, 20, Report::full(&[], None)), []);
        assert_eq!(run(&mut t, 1_019, Report::full(&[], None)), []);
        assert_eq!(run(&mut t, 1_020, Report::full(&[], None)), [Event::cleared(a.into(), 1_020)]);
        assert_eq!(t.raised().count(), 0);
    }

    #[test]
    fn a_partial_report_keeps_the_channel_it_leaves_out() {
        let mut t: Tracker<4> = Tracker::new(0);
        let a = hms(1);
        let e = PrintError::from_u32(0x0300_400C);
        run(&mut t, 0, Report::full(&[a], Some(e)));
        let only_hms = Report { hms: Some(&[]), print_error: None };
        assert_eq!(run(&mut t, 5, only_hms), [Event::cleared(a.into(), 5)]);
        assert_eq!(run(&mut t, 6, Report::partial()), []);
        assert_eq!(t.raised().collect::<Vec<_>>(), [AnyCode::from(e)]);
        let no_error = Report { hms: None, print_error: Some(None) };
        assert_eq!(run(&mut t, 7, no_error), [Event::cleared(e.into(), 7)]);
    }

    #[test]
    fn muted_and_unwanted_codes_never_raise() {
        let mut t: Tracker<4> = Tracker::new(0);
        let (a, b, c) = (hms(1), hms(2), hms(3));
        t.mute(a.into()).unwrap();
        let mut events = Vec::new();
        t.update(0, Report::full(&[a, b, c], None), |code| code != AnyCode::from(b), |e| events.push(e));
        assert_eq!(events, [Event::raised(c.into(), 0)]);
        assert!(t.unmute(a.into()));
        assert_eq!(run(&mut t, 1, Report::full(&[a], None)), [Event::cleared(c.into(), 1), Event::raised(a.into(), 1)]);
    }

    #[test]
    fn a_full_tracker_drops_new_raises_and_keeps_its_codes() {
        let mut t: Tracker<2> = Tracker::new(0);
        let codes = [hms(1), hms(2), hms(3)];
        assert_eq!(run(&mut t, 0, Report::full(&codes, None)).len(), 2);
        assert_eq!(t.dropped(), 1);
        assert_eq!(
            run(&mut t, 1, Report::full(&codes[2..], None)),
            [Event::cleared(codes[0].into(), 1), Event::cleared(codes[1].into(), 1), Event::raised(codes[2].into(), 1)]
        );
    }

    #[test]
    fn the_mute_list_has_a_fixed_size() {
        let mut t: Tracker<1, 2> = Tracker::new(0);
        t.mute(hms(1).into()).unwrap();
        t.mute(hms(1).into()).unwrap();
        t.mute(hms(2).into()).unwrap();
        assert_eq!(t.mute(hms(3).into()), Err(MuteListFull));
    }

    #[test]
    fn a_clock_that_steps_back_counts_as_no_time() {
        let mut t: Tracker<2> = Tracker::new(100);
        run(&mut t, 1_000, Report::full(&[hms(1)], None));
        run(&mut t, 1_000, Report::full(&[], None));
        assert_eq!(run(&mut t, 10, Report::full(&[], None)), []);
        assert_eq!(t.raised().count(), 1);
    }

    fn report() -> impl Strategy<Value = (u64, Option<Vec<u16>>, Option<Option<u16>>, bool)> {
        (
            0u64..3_000,
            proptest::option::of(proptest::collection::vec(0u16..6, 0..5)),
            proptest::option::of(proptest::option::of(0u16..3)),
            any::<bool>(),
        )
    }

    proptest! {
        #[test]
        fn events_come_in_pairs_and_the_state_stays_bounded(
            hold in 0u64..2_000,
            reports in proptest::collection::vec(report(), 0..40),
            muted in proptest::collection::vec(0u16..6, 0..3),
        ) {
            let mut t: Tracker<3, 2> = Tracker::new(hold);
            for id in &muted {
                let _ = t.mute(hms(*id).into());
            }
            let mut now = 0u64;
            let mut events = Vec::new();
            for (step, list, error, tick) in reports {
                now += step;
                let list: Option<Vec<Hms>> = list.map(|ids| ids.into_iter().map(hms).collect());
                let error = error.map(|e| e.map(|id| PrintError::from_u32(0x0300_4000 | id as u32)));
                let report = Report { hms: list.as_deref(), print_error: error };
                if tick {
                    t.tick(now, |e| events.push(e));
                } else {
                    t.update(now, report, |_| true, |e| events.push(e));
                    // Every code of the report is raised now, unless muted or crowded out.
                    for code in report.codes() {
                        let raised = t.raised().any(|c| c == code);
                        prop_assert!(raised || t.is_muted(code) || t.raised().count() == 3);
                    }
                }
                prop_assert!(t.raised().count() <= 3);
            }
            // Per code: raised, cleared, raised... never two of a kind in a row, never a clear first.
            let mut state: Vec<(AnyCode, bool)> = Vec::new();
            for e in &events {
                let at = state.iter().position(|(c, _)| *c == e.code);
                let up = at.map(|i| state[i].1).unwrap_or(false);
                match e.kind {
                    EventKind::Raised => prop_assert!(!up, "raised twice: {:?}", e),
                    EventKind::Cleared => prop_assert!(up, "cleared without a raise: {:?}", e),
                }
                prop_assert!(!(e.kind == EventKind::Raised && muted.iter().any(|id| AnyCode::from(hms(*id)) == e.code)));
                match at {
                    Some(i) => state[i].1 = e.kind == EventKind::Raised,
                    None => state.push((e.code, true)),
                }
            }
            // What is still up is exactly what the tracker holds.
            let mut up: Vec<AnyCode> = state.iter().filter(|s| s.1).map(|s| s.0).collect();
            let mut held: Vec<AnyCode> = t.raised().collect();
            up.sort();
            held.sort();
            prop_assert_eq!(up, held);
            // Once every code is gone for the hold time, everything raised is cleared.
            t.update(now + 1, Report::full(&[], None), |_| true, |e| events.push(e));
            t.tick(now + 1 + hold, |e| events.push(e));
            prop_assert_eq!(t.raised().count(), 0);
            let raised = events.iter().filter(|e| e.kind == EventKind::Raised).count();
            let cleared = events.iter().filter(|e| e.kind == EventKind::Cleared).count();
            prop_assert_eq!(raised, cleared);
        }
    }
}
