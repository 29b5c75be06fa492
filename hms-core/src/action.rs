//! The buttons Bambu's slicer and app offer for an alert, and the MQTT command each one sends.
//!
//! Bambu publishes, per printer model, which buttons go with which code
//! (`hms_action_<serial prefix>.json`, fetched by the slicer from
//! `e.bambulab.com/hms/GetActionImage.php`): a list of numeric ids per code. What the ids mean
//! is not published; it is in BambuStudio's source:
//!
//! * the ids and their names: `enum ActionButton` in `src/slic3r/GUI/DeviceErrorDialog.hpp`;
//! * what each button does: `DeviceErrorDialog::on_button_click` in
//!   `src/slic3r/GUI/DeviceErrorDialog.cpp`, which calls a `MachineObject::command_*` method;
//! * the JSON each of those methods publishes on `device/<serial>/request`:
//!   `src/slic3r/GUI/DeviceManager.cpp`.
//!
//! [`Action`] names every id that enum names; ids the lists use that the enum does not name
//! stay numbers ([`Action::Other`]). [`Action::command`] builds the exact payload for the
//! actions whose command that source shows; the others open a page of the slicer's own window
//! (nothing is sent), send nothing, or need data the printer sent along with the alert (the
//! caller has it; see [`Effect`]). The library builds the payload; the caller sends it.
//!
//! ```
//! use hms_core::PrintError;
//! use hms_core::action::{Action, Context};
//!
//! let error = PrintError::from_u32(0x0300_8014);
//! let action = Action::from_id(27);
//! assert_eq!(action, Action::IgnoreResume);
//! let context = Context { sequence_id: 20_001, job_id: "512", subtask_id: "0" };
//! let payload = action.command(error, &context).unwrap().to_string();
//! assert_eq!(
//!     payload,
//!     r#"{"print":{"command":"ignore","err":"50364436","param":"reserve","job_id":"512","sequence_id":"20001"}}"#
//! );
//! ```

use core::fmt;

use crate::PrintError;

macro_rules! actions {
    ($($id:literal $variant:ident $name:literal $label:literal $effect:expr, $doc:literal;)*) => {
        /// A button offered for an alert, by its id in Bambu's action lists. See the
        /// [module](self) for where each fact comes from.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action {
            $(#[doc = $doc] $variant,)*
            /// An id the lists use that BambuStudio's source does not name.
            Other(u16),
        }

        impl Action {
            /// Every named action, in id order.
            pub const NAMED: &[Action] = &[$(Action::$variant),*];

            /// The action with this id.
            pub const fn from_id(id: u16) -> Action {
                match id {
                    $($id => Action::$variant,)*
                    other => Action::Other(other),
                }
            }

            /// Its id in the action lists.
            pub const fn id(self) -> u16 {
                match self {
                    $(Action::$variant => $id,)*
                    Action::Other(id) => id,
                }
            }

            /// Its name, after BambuStudio's (`resume_printing`), or `None` for an unnamed id.
            pub const fn name(self) -> Option<&'static str> {
                match self {
                    $(Action::$variant => Some($name),)*
                    Action::Other(_) => None,
                }
            }

            /// A short label for the button, in the project's words (`Ignore and resume`);
            /// `None` for an unnamed id and for [`Action::RemoveCloseButton`], which is no
            /// button.
            pub const fn label(self) -> Option<&'static str> {
                let label = match self {
                    $(Action::$variant => $label,)*
                    Action::Other(_) => "",
                };
                if label.is_empty() { None } else { Some(label) }
            }

            /// Whether it is a button: all but [`Action::RemoveCloseButton`], which marks a
            /// message that has no close box.
            pub const fn is_button(self) -> bool {
                !matches!(self, Action::RemoveCloseButton)
            }

            /// What pressing it does.
            pub const fn effect(self) -> Effect {
                match self {
                    $(Action::$variant => $effect,)*
                    Action::Other(_) => Effect::Unknown,
                }
            }
        }
    };
}

actions! {
    2 ResumePrinting "resume_printing" "Resume printing" Effect::Send(Kind::HmsResume), "Resume the print.";
    3 ResumePrintingDefects "resume_printing_defects" "Resume, accepting defects" Effect::Send(Kind::HmsResume), "Resume the print, accepting defects.";
    4 ResumePrintingProblemSolved "resume_printing_problem_solved" "Resume, problem solved" Effect::Send(Kind::HmsResume), "Resume the print, the problem solved.";
    5 StopPrinting "stop_printing" "Stop printing" Effect::Send(Kind::HmsStop), "Stop the print.";
    6 CheckAssistant "check_assistant" "Open the assistant" Effect::OpensPage, "Open the slicer's assistant page for the alert.";
    7 FilamentExtruded "filament_extruded" "Filament came out: continue" Effect::Send(Kind::AmsControl("done")), "The filament came out of the nozzle: go on.";
    8 RetryFilamentExtruded "retry_filament_extruded" "Filament not out yet: retry" Effect::Send(Kind::AmsControl("resume")), "The filament did not come out yet: try again.";
    9 Continue "continue" "Continue" Effect::Send(Kind::AmsControl("resume")), "Done: continue.";
    10 LoadVirtualTray "load_virtual_tray" "Load from the external spool" Effect::Nothing, "Load filament from the external spool (the slicer sends nothing).";
    11 OkButton "ok" "OK" Effect::Send(Kind::CleanPrintError), "Acknowledge: clears the print error.";
    12 FilamentLoadResume "filament_load_resume" "Filament loaded: resume" Effect::Send(Kind::HmsResume), "Filament loaded: resume the print.";
    13 JumpToLiveview "jump_to_liveview" "Open the camera view" Effect::OpensPage, "Open the camera view.";
    23 NoReminderNextTime "no_reminder_next_time" "Do not remind again" Effect::Send(Kind::IdleIgnore), "Do not remind again.";
    24 RefreshNozzle "refresh_nozzle" "Read the nozzle again" Effect::Send(Kind::RefreshNozzle), "Read the nozzle information again.";
    25 IgnoreNoReminderNextTime "ignore_no_reminder_next_time" "Ignore, do not remind again" Effect::Send(Kind::HmsIgnore), "Ignore, and do not remind again.";
    27 IgnoreResume "ignore_resume" "Ignore and resume" Effect::Send(Kind::HmsIgnore), "Ignore the alert and resume.";
    28 ProblemSolvedResume "problem_solved_resume" "Problem solved: resume" Effect::Send(Kind::HmsResume), "The problem is solved: resume.";
    29 TurnOffFireAlarm "turn_off_fire_alarm" "Silence the fire alarm" Effect::Send(Kind::StopBuzzer), "Silence the fire alarm buzzer.";
    34 RetryProblemSolved "retry_problem_solved" "Problem solved: retry" Effect::Send(Kind::AmsControl("resume")), "The problem is solved: try again.";
    35 StopDrying "stop_drying" "Stop drying" Effect::Send(Kind::StopDrying), "Stop drying the filament.";
    37 Cancel "cancel" "Cancel" Effect::Nothing, "Close the message.";
    39 RemoveCloseButton "remove_close_button" "" Effect::Nothing, "Not a button: the message cannot be closed without one of its buttons.";
    41 Proceed "proceed" "Proceed" Effect::NeedsAlertData, "Proceed (sends back the details the printer gave with the alert).";
    49 OkJumpRack "ok_jump_rack" "OK, open the hotend rack page" Effect::OpensPage, "Acknowledge and open the hotend rack page.";
    51 Abort "abort" "Abort" Effect::Send(Kind::AmsControl("abort")), "Abort the filament operation.";
    54 DisablePurification "disable_purification" "Turn off air purification for this print" Effect::Unknown, "Turn off air purification for this print.";
    57 DontRemindNextTime "dont_remind_next_time" "Do not remind again" Effect::NeedsAlertData, "Do not remind again (sends back the details the printer gave with the alert).";
    60 UseOtherAmsSlot "use_other_ams_slot" "Use another AMS slot" Effect::Unknown, "Use another AMS slot.";
}

/// What a button says: its [`label`](Action::label), or `button <id>` for an id BambuStudio
/// does not name. See [`Action::caption`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Caption(Action);

impl fmt::Display for Caption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.label() {
            Some(label) => f.write_str(label),
            None => write!(f, "button {}", self.0.id()),
        }
    }
}

impl Action {
    /// What the button says, for a list of the buttons offered (see [`Caption`]).
    pub const fn caption(self) -> Caption {
        Caption(self)
    }
}

/// What pressing an [`Action`] does, as BambuStudio's source shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Effect {
    /// Sends a command the library builds ([`Action::command`]).
    Send(Kind),
    /// Opens a page of the slicer's own window; nothing is sent.
    OpensPage,
    /// Sends nothing.
    Nothing,
    /// Sends back data the printer attached to the alert, which only the caller has.
    NeedsAlertData,
    /// Not shown by the source read (or an unnamed id): no command is built.
    Unknown,
}

/// The commands the library builds, after BambuStudio's `MachineObject::command_*`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// `command_hms_resume`: `resume` with the error number and the job.
    HmsResume,
    /// `command_hms_stop`: `stop` with the error number and the job.
    HmsStop,
    /// `command_hms_ignore`: `ignore` with the error number and the job.
    HmsIgnore,
    /// `command_hms_idle_ignore`: `idle_ignore` with the error number, type 0.
    IdleIgnore,
    /// `command_ams_control`: `ams_control` with this parameter.
    AmsControl(&'static str),
    /// `command_clean_print_error`: `clean_print_error` with the subtask and the error.
    CleanPrintError,
    /// `command_refresh_nozzle`: `refresh_nozzle`.
    RefreshNozzle,
    /// `command_stop_buzzer`: `buzzer_ctrl`, mode 0.
    StopBuzzer,
    /// `command_ams_drying_stop`: `auto_stop_ams_dry`.
    StopDrying,
}

/// What a command carries besides the alert's code: as BambuStudio fills it in from the
/// printer's latest report (`job_id`, `subtask_id`) and its own message counter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Context<'a> {
    /// The message's sequence id (any counter; the printer echoes it in its reply).
    pub sequence_id: u64,
    /// The current job's id, `print.job_id` of the printer's report.
    pub job_id: &'a str,
    /// The current subtask's id, `print.subtask_id` of the printer's report.
    pub subtask_id: &'a str,
}

/// One MQTT payload for the printer's request topic, written as JSON by `Display`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Command<'a> {
    kind: Kind,
    error: PrintError,
    context: Context<'a>,
}

impl Action {
    /// The payload this action sends for `error`, if it sends one the library can build.
    pub fn command<'a>(self, error: PrintError, context: &Context<'a>) -> Option<Command<'a>> {
        match self.effect() {
            Effect::Send(kind) => Some(Command { kind, error, context: *context }),
            _ => None,
        }
    }
}

impl Command<'_> {
    /// Which command it is.
    pub const fn kind(&self) -> Kind {
        self.kind
    }
}

impl fmt::Display for Command<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Context { sequence_id, job_id, subtask_id } = self.context;
        // BambuStudio's `err` is the decimal number of the print error, as a string.
        let err = self.error.to_u32();
        let dismiss = |f: &mut fmt::Formatter<'_>, command: &str| {
            write!(f, r#"{{"print":{{"command":"{command}","err":"{err}","param":"reserve","job_id":"#)?;
            json_string(f, job_id)?;
            write!(f, r#","sequence_id":"{sequence_id}"}}}}"#)
        };
        match self.kind {
            Kind::HmsResume => dismiss(f, "resume"),
            Kind::HmsStop => dismiss(f, "stop"),
            Kind::HmsIgnore => dismiss(f, "ignore"),
            Kind::IdleIgnore => {
                write!(
                    f,
                    r#"{{"print":{{"command":"idle_ignore","err":"{err}","type":0,"sequence_id":"{sequence_id}"}}}}"#
                )
            }
            Kind::AmsControl(param) => {
                write!(f, r#"{{"print":{{"command":"ams_control","sequence_id":"{sequence_id}","param":"{param}"}}}}"#)
            }
            Kind::CleanPrintError => {
                write!(f, r#"{{"print":{{"command":"clean_print_error","sequence_id":"{sequence_id}","subtask_id":"#)?;
                json_string(f, subtask_id)?;
                write!(f, r#","print_error":{err}}}}}"#)
            }
            Kind::RefreshNozzle => {
                write!(f, r#"{{"print":{{"sequence_id":"{sequence_id}","command":"refresh_nozzle"}}}}"#)
            }
            Kind::StopBuzzer => {
                write!(f, r#"{{"print":{{"command":"buzzer_ctrl","mode":0,"sequence_id":"{sequence_id}"}}}}"#)
            }
            Kind::StopDrying => {
                write!(f, r#"{{"print":{{"command":"auto_stop_ams_dry","sequence_id":"{sequence_id}"}}}}"#)
            }
        }
    }
}

/// `text` as a JSON string, quotes included.
fn json_string(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    f.write_str("\"")?;
    for c in text.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            c if (c as u32) < 0x20 => write!(f, "\\u{:04x}", c as u32)?,
            c => write!(f, "{c}")?,
        }
    }
    f.write_str("\"")
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => f.write_str(name),
            None => write!(f, "action_{}", self.id()),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::string::ToString;

    use super::*;

    #[test]
    fn ids_round_trip_and_names_are_unique() {
        for &action in Action::NAMED {
            assert_eq!(Action::from_id(action.id()), action);
            let same = Action::NAMED.iter().filter(|a| a.name() == action.name()).count();
            assert_eq!(same, 1, "{action}");
        }
        assert_eq!(Action::from_id(18), Action::Other(18));
        assert_eq!(Action::Other(18).to_string(), "action_18");
        assert_eq!(Action::from_id(29).to_string(), "turn_off_fire_alarm");
    }

    fn payload(action: Action, context: &Context<'_>) -> Option<serde_json::Value> {
        let text = action.command(PrintError::from_u32(0x0700_8012), context)?.to_string();
        Some(serde_json::from_str(&text).unwrap_or_else(|e| panic!("{action}: {text}: {e}")))
    }

    #[test]
    fn every_payload_is_json_with_the_fields_the_slicer_sends() {
        let context = Context { sequence_id: 7, job_id: "a \"quoted\"\\ job\n", subtask_id: "99" };
        for &action in Action::NAMED {
            let Some(value) = payload(action, &context) else {
                assert!(!matches!(action.effect(), Effect::Send(_)), "{action}");
                continue;
            };
            assert_eq!(value["print"]["sequence_id"], "7", "{action}");
            match action.effect() {
                Effect::Send(Kind::HmsResume | Kind::HmsStop | Kind::HmsIgnore) => {
                    assert_eq!(value["print"]["err"], "117473298");
                    assert_eq!(value["print"]["job_id"], "a \"quoted\"\\ job\n");
                    assert_eq!(value["print"]["param"], "reserve");
                }
                Effect::Send(Kind::CleanPrintError) => {
                    assert_eq!(value["print"]["print_error"], 0x0700_8012);
                    assert_eq!(value["print"]["subtask_id"], "99");
                }
                _ => {}
            }
        }
        assert_eq!(payload(Action::StopPrinting, &context).unwrap()["print"]["command"], "stop");
        assert_eq!(payload(Action::Abort, &context).unwrap()["print"]["param"], "abort");
        assert_eq!(payload(Action::NoReminderNextTime, &context).unwrap()["print"]["type"], 0);
        assert!(payload(Action::CheckAssistant, &context).is_none());
        assert!(payload(Action::Proceed, &context).is_none());
        assert!(payload(Action::Other(18), &context).is_none());
    }
}
