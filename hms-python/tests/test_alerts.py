"""`Tracker`, `Event` and `Action`: reports turned into raised and cleared alerts, and the
MQTT payload of the buttons Bambu offers for an alert."""

import json

import pytest

from hms_catalog import Action, Event, Lookup, Tracker

JAM = {"attr": 0x07002000, "code": 0x00020003}


def report(hms, print_error=0):
    return {"print": {"command": "push_status", "hms": hms, "print_error": print_error}}


def kinds(events):
    return [(e.kind, e.code) for e in events]


def test_a_code_is_raised_once_and_cleared_after_the_hold():
    t = Tracker(hold=5.0)
    assert kinds(t.update(report([JAM]), 0.0)) == [("raised", "0700_2000_0002_0003")]
    assert t.update(report([JAM]), 1.0) == []
    assert t.update({"print": {"nozzle_temper": 215}}, 2.0) == []  # a partial update
    assert t.update(report([]), 3.0) == []  # gone...
    assert t.update(json.dumps(report([JAM])), 4.0) == []  # ...back within the hold
    assert t.update(report([]), 5.0) == []
    assert t.raised == ["0700_2000_0002_0003"]
    events = t.tick(10.0)
    assert kinds(events) == [("cleared", "0700_2000_0002_0003")]
    assert events[0].at == 10.0
    assert isinstance(events[0], Event) and isinstance(events[0].lookup, Lookup)
    assert events[0].lookup.title == "AMS A slot 1 filament may be broken inside the AMS"
    assert t.raised == []


def test_print_errors_muted_codes_and_bad_input():
    t = Tracker(hold=0, mute=["0700_2000_0002_0003"])
    assert kinds(t.update(report([JAM], 0x0300400C), 0)) == [("raised", "0300-400C")]
    assert kinds(t.update(report([JAM], 0), 1)) == [("cleared", "0300-400C")]
    t.unmute("0700_2000_0002_0003")
    assert kinds(t.update(report([JAM]), 2)) == [("raised", "0700_2000_0002_0003")]
    with pytest.raises(ValueError, match="print.hms"):
        t.update({"print": {"hms": [{"attr": "x"}]}}, 3)
    with pytest.raises(ValueError, match="seconds"):
        t.update(report([]), -1)
    with pytest.raises(ValueError):
        Tracker(hold=float("nan"))
    assert t.dropped == 0


def test_actions_build_the_slicers_payloads():
    ignore = Action(27)
    assert (ignore.id, ignore.name, ignore.effect) == (27, "ignore_resume", "send")
    payload = json.loads(ignore.payload(0x03008014, sequence_id=20001, job_id="512"))
    assert payload == {
        "print": {"command": "ignore", "err": "50364436", "param": "reserve", "job_id": "512", "sequence_id": "20001"}
    }
    assert Action(6).payload(0x03008014) is None  # opens a page of the slicer
    assert (Action(18).name, Action(18).effect) == (None, "unknown")
    assert Action(29) == Action(29) and hash(Action(29)) == hash(Action(29))
    with pytest.raises(TypeError):
        Action("x")


def test_alert_classes_and_the_buttons_a_model_offers():
    from hms_catalog import lookup

    clump = lookup("0300-8014", model="H2C")
    assert clump.alert == "fault"
    assert [(a.id, a.name, a.label) for a in clump.actions] == [
        (4, "resume_printing_problem_solved", "Resume, problem solved"),
        (6, "check_assistant", "Open the assistant"),
    ]
    assert lookup("0300-8014").actions == ()  # no model, no list
    assert lookup("0300-400C").alert == "status"  # a cancelled print
    internal = lookup("0500_0100_0002_000B", model="X2D")
    assert (internal.alert, internal.silent) == ("silent", True)
    assert lookup("0500_0100_0002_000B", model="H2D").silent is False
    assert clump.to_dict()["alert"] == "fault"


def test_a_tracker_raises_the_classes_asked_for():
    cancelled_and_jam = report([JAM], 0x0300400C)
    every = Tracker(hold=0)
    assert sorted(kinds(every.update(cancelled_and_jam, 0))) == [
        ("raised", "0300-400C"),
        ("raised", "0700_2000_0002_0003"),
    ]
    faults = Tracker(hold=0, least="fault")
    assert kinds(faults.update(cancelled_and_jam, 0)) == [("raised", "0700_2000_0002_0003")]
    with pytest.raises(ValueError, match="least"):
        Tracker(least="silent")
