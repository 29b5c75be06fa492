"""The Bambu Lab HMS code catalog: what each code means, how bad it is and how to fix it."""

import enum
from typing import Any, ClassVar, Dict, List, Optional, Tuple, Union

__version__: str

class Level(enum.IntEnum):
    """How bad a code is, as the printer rates it (the code's level)."""

    INVALID = 0
    ERROR = 1
    WARNING = 2
    INFO = 3
    NOTICE = 4

class Model:
    """A printer model the catalog knows. Equal and hashable by model."""

    ALL: ClassVar[Tuple["Model", ...]]
    @staticmethod
    def resolve(name: str) -> Optional["Model"]:
        """The model an id (``H2D``), name (``H2D Pro``), serial prefix (``094``) or serial
        number names; ``None`` for a well-formed name the catalog does not know (it gets the
        text most models share). Raises ``ValueError`` when malformed."""
    @staticmethod
    def parse(name: str) -> "Model":
        """As ``resolve``, but an unknown model raises ``ValueError``."""
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def serial_prefix(self) -> Optional[str]: ...

class Lang:
    """A language of the official texts. Equal and hashable by language."""

    EN: ClassVar["Lang"]
    DE: ClassVar["Lang"]
    ES: ClassVar["Lang"]
    FR: ClassVar["Lang"]
    HU: ClassVar["Lang"]
    IT: ClassVar["Lang"]
    JA: ClassVar["Lang"]
    KO: ClassVar["Lang"]
    NL: ClassVar["Lang"]
    PL: ClassVar["Lang"]
    PT_BR: ClassVar["Lang"]
    RU: ClassVar["Lang"]
    SV: ClassVar["Lang"]
    ZH_CN: ClassVar["Lang"]
    ALL: ClassVar[Tuple["Lang", ...]]
    @staticmethod
    def negotiate(locale: str) -> "Lang":
        """The language that serves a locale best (``de-CH``, ``de_DE.UTF-8``, ``pt-BR``,
        ``zh-Hant``): each language Bambu publishes, in any region or script (Portuguese is
        ``pt-br``, Chinese ``zh-cn``); any other well-formed locale is English. Raises
        ``ValueError`` when malformed."""
    @staticmethod
    def parse(code: str) -> "Lang":
        """Strictly a language code: ``en``, ``de``, ``pt-br``, ``zh-cn``... (also ``zh``,
        ``zh-Hans``)."""
    @property
    def code(self) -> str:
        """``en``, ``de``, ``pt-br``, ``zh-cn``..."""
    @property
    def has_texts(self) -> bool:
        """Whether any text of the language is compiled in."""

class Module:
    """The module a code names; ``abbr`` and ``name`` are ``None`` for a module the catalog
    does not know."""

    @property
    def id(self) -> int: ...
    @property
    def abbr(self) -> Optional[str]: ...
    @property
    def name(self) -> Optional[str]: ...

class Procedure:
    """What to do, in order, with the parts it may need."""

    @property
    def name(self) -> str:
        """The name codes refer to it by; empty for steps written on the code itself."""
    @property
    def title(self) -> str: ...
    @property
    def steps(self) -> Tuple[str, ...]: ...
    @property
    def parts(self) -> Tuple[str, ...]: ...
    @property
    def support(self) -> Optional[str]: ...

class Entry:
    """An entry of the catalog: the codes it covers and its texts. Its title is filled as
    `hms list` shows it; meaning and note keep their placeholders."""

    @property
    def code(self) -> str: ...
    @property
    def patterns(self) -> Tuple[str, ...]: ...
    @property
    def is_family(self) -> bool: ...
    @property
    def title(self) -> str:
        """As `hms list` shows the first pattern: an exact code's title filled for it, a
        family's with each value that varies as its range ("AMS A-Z slot 1-4 ...")."""
    @property
    def titles(self) -> Tuple[str, ...]:
        """The title for each pattern, in the order of `patterns`."""
    @property
    def title_template(self) -> str:
        """The title as the catalog writes it, placeholders unfilled."""
    @property
    def meaning(self) -> Optional[str]: ...
    @property
    def note(self) -> Optional[str]: ...
    @property
    def procedure(self) -> Optional[Procedure]: ...
    @property
    def variant(self) -> Optional[str]: ...

class Lookup:
    """The catalog's answer for one code, for one model and language. Immutable."""

    @property
    def code(self) -> str:
        """The code as reported: ``0700_2000_0002_0003``, or ``0300-400C`` for a print_error."""
    @property
    def key(self) -> str:
        """The code looked up: ``code`` with its reserved byte cleared."""
    @property
    def channel(self) -> str:
        """``hms`` or ``print_error``."""
    @property
    def known(self) -> bool:
        """Whether the catalog or Bambu's lists know the code."""
    @property
    def official(self) -> bool:
        """Whether Bambu's lists carry the code."""
    @property
    def module(self) -> Module: ...
    @property
    def module_number(self) -> int: ...
    @property
    def unit(self) -> Optional[str]:
        """The AMS unit letter (``A``...), for the modules that letter their units."""
    @property
    def slot(self) -> Optional[int]: ...
    @property
    def level(self) -> Optional[Level]: ...
    @property
    def title(self) -> Optional[str]: ...
    @property
    def meaning(self) -> Optional[str]: ...
    @property
    def note(self) -> Optional[str]: ...
    @property
    def causes(self) -> Tuple[str, ...]: ...
    @property
    def steps(self) -> Tuple[str, ...]: ...
    @property
    def parts(self) -> Tuple[str, ...]: ...
    @property
    def support(self) -> Optional[str]: ...
    @property
    def procedure(self) -> Optional[Procedure]: ...
    @property
    def see_also(self) -> Optional[Procedure]: ...
    @property
    def variant(self) -> Optional[str]: ...
    @property
    def text(self) -> Optional[str]:
        """Bambu's own text for the model and language (English where the language lacks
        it), where the texts were compiled in."""
    @property
    def silent(self) -> bool:
        """Whether Bambu's lists carry the code with no text for the model (the printer shows
        nothing); without a model, for a printer without a text of its own."""
    @property
    def alert(self) -> str:
        """The class of the alert on the model: ``"silent"`` (the printer shows nothing),
        ``"status"`` (a state, such as a cancelled print), ``"advisory"`` (a reminder or an
        information) or ``"fault"``."""
    @property
    def actions(self) -> Tuple["Action", ...]:
        """The buttons the model offers for the code, from Bambu's action lists (none without
        a model)."""
    @property
    def models(self) -> Tuple[str, ...]:
        """The ids of the models whose lists carry the code."""
    @property
    def wiki_url(self) -> str: ...
    @property
    def model(self) -> Optional[Model]:
        """The model the texts are for; ``None`` for the text most models share."""
    @property
    def lang(self) -> Lang: ...
    def to_dict(self) -> Dict[str, Any]:
        """The keys and values of ``hms explain --json`` (a new dict each call)."""

Code = Union[str, int, Tuple[int, int], Dict[str, int]]

def lookup(
    code: Code,
    *,
    model: Union[str, Model, None] = None,
    lang: Union[str, Lang, None] = None,
) -> Lookup:
    """The catalog's answer for a code: any spelling the Rust parser accepts
    (``HMS_0700-2000-0002-0003``, ``0700_2000_0002_0003``, ``0300-400C``...), an
    ``(attr, code)`` tuple or ``{"attr": ..., "code": ...}`` entry of ``print.hms``, or the
    ``print_error`` int. ``model`` and ``lang`` choose Bambu's text: a ``Model`` or a name
    ``Model.resolve`` reads (an unknown model gets the shared text), a ``Lang`` or a locale
    ``Lang.negotiate`` reads. Raises ``ValueError`` for a malformed code, model or locale and
    ``TypeError`` for a value of another type. Results are cached: the same call returns the
    same object."""

def decode(
    report: Union[str, bytes, Dict[str, Any]],
    *,
    model: Union[str, Model, None] = None,
    lang: Union[str, Lang, None] = None,
) -> List[Lookup]:
    """The codes of a printer's MQTT report (a dict, with or without the ``print`` wrapper, or
    its JSON text): one per ``print.hms`` entry, then one for a non-zero ``print_error``. A
    report without ``hms`` or ``print_error`` (a partial update) gives none. Raises
    ``ValueError`` for text that is not a JSON object and for a malformed entry."""

def entries() -> List[Entry]:
    """Every entry of the catalog, in catalog order."""

def procedures() -> List[Procedure]:
    """Every named procedure of the catalog."""

class Event:
    """A code raised or cleared by a ``Tracker``."""

    @property
    def kind(self) -> str:
        """``"raised"`` or ``"cleared"``."""
    @property
    def code(self) -> str:
        """The code as reported."""
    @property
    def at(self) -> float:
        """The time given with the report that produced it (seconds)."""
    @property
    def lookup(self) -> Lookup:
        """The catalog's answer for the code, for the tracker's model and language."""

class Tracker:
    """The alerts of one printer: fed each report with a time, it raises each code that should
    notify once and clears it once it has been missing for ``hold`` seconds from the reports
    that carry its field (a code back sooner is not raised again). A report without ``hms`` or
    ``print_error`` (a partial update) changes nothing. Muted codes, and codes Bambu's lists
    carry without a text for ``model``, are never raised; ``least`` raises only codes of that
    class or above (``"status"``, ``"advisory"``, ``"fault"``; see ``Lookup.alert``). At most 64 codes are raised at once
    (more are counted in ``dropped``) and 64 muted."""

    def __init__(
        self,
        *,
        hold: float = 10.0,
        model: Union[str, Model, None] = None,
        lang: Union[str, Lang, None] = None,
        mute: List[Any] = ...,
        least: str = "status",
    ) -> None: ...
    def update(self, report: Union[str, bytes, Dict[str, Any]], now: float) -> List[Event]:
        """Takes in one report (as ``decode`` takes it) received at ``now`` (seconds, any
        origin); returns the events, clears first. ``ValueError`` for a malformed report or a
        negative time."""
    def tick(self, now: float) -> List[Event]:
        """Clears the codes gone for the hold time by ``now``."""
    def mute(self, code: Any) -> None:
        """Never raises ``code`` (any spelling ``lookup`` takes) from now on."""
    def unmute(self, code: Any) -> bool:
        """Raises ``code`` again; whether it was muted."""
    @property
    def raised(self) -> List[str]:
        """The codes raised and not yet cleared."""
    @property
    def dropped(self) -> int:
        """How many raises were left out because 64 codes were raised."""

class Action:
    """A button Bambu's slicer and app offer for an alert, by its id in Bambu's
    ``hms_action_<model>.json`` lists, named and built after BambuStudio's source."""

    def __init__(self, id: int) -> None: ...
    @property
    def id(self) -> int: ...
    @property
    def name(self) -> Optional[str]:
        """BambuStudio's name (``"ignore_resume"``), or ``None`` for an id it does not name."""
    @property
    def label(self) -> Optional[str]:
        """A short label for the button (``"Ignore and resume"``), or ``None`` for an id
        BambuStudio does not name."""
    @property
    def effect(self) -> str:
        """``"send"``, ``"opens_page"``, ``"nothing"``, ``"needs_alert_data"`` or ``"unknown"``."""
    def payload(
        self, print_error: int, *, sequence_id: int = 0, job_id: str = "", subtask_id: str = ""
    ) -> Optional[str]:
        """The JSON the button sends on ``device/<serial>/request`` for this print error (the
        caller sends it), or ``None`` when it sends nothing the library can build."""
