//! A printer's reports over MQTT, as the slicer reads them on the local network: TLS on port
//! 8883, user `bblp` with the printer's access code as password, reports published on
//! `device/<serial>/report`. After each (re)connection one full report is asked for on
//! `device/<serial>/request`; nothing else is ever sent.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use rumqttc::{
    Client, ConnectReturnCode, ConnectionError, Event, MqttOptions, Packet, QoS, RecvTimeoutError, TlsConfiguration,
    Transport,
};

use super::tls::{Trust, client_config, is_certificate_error};

/// The MQTT user of a Bambu printer on the local network.
pub const USER: &str = "bblp";

/// The printer's MQTT port.
pub const PORT: u16 = 8883;

/// The largest message taken in: a full report is tens of kilobytes; this leaves room.
const MAX_MESSAGE: usize = 4 << 20;

/// First wait before reconnecting; it doubles after each failure up to [`MAX_BACKOFF`], and
/// starts over once connected.
const FIRST_BACKOFF: Duration = Duration::from_millis(500);
/// Longest wait before reconnecting.
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// How often a waiting loop looks at the stop flag.
const POLL: Duration = Duration::from_millis(100);

/// Where and how to reach a printer.
#[derive(Clone, Debug)]
pub struct Printer {
    /// Its address on the local network.
    pub host: String,
    /// Its MQTT port ([`PORT`]).
    pub port: u16,
    /// Its serial number, which names its topics.
    pub serial: String,
    /// Its access code (the MQTT password).
    pub access_code: String,
    /// Which certificates to accept.
    pub trust: Trust,
}

impl Printer {
    /// The topic the printer reports on.
    pub fn report_topic(&self) -> String {
        format!("device/{}/report", self.serial)
    }

    /// The topic the printer takes requests on.
    pub fn request_topic(&self) -> String {
        format!("device/{}/request", self.serial)
    }
}

/// The request for a full report, as the slicer sends it.
pub fn full_report_request(sequence_id: u64) -> String {
    format!(r#"{{"pushing":{{"sequence_id":"{sequence_id}","command":"pushall","version":1,"push_target":1}}}}"#)
}

/// What ends a watch other than a stop: nothing a retry can mend.
#[derive(Debug)]
pub enum Fatal {
    /// The settings cannot be used (a CA file, a host name).
    Setup(String),
    /// The printer refused the user or the access code.
    Refused(String),
    /// The printer's certificate was not accepted.
    Certificate(String),
    /// The message handler failed (output closed).
    Output(std::io::Error),
}

impl std::fmt::Display for Fatal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Fatal::Setup(e) => f.write_str(e),
            Fatal::Refused(e) => write!(f, "the printer refused the connection: {e}"),
            Fatal::Certificate(e) => write!(f, "the printer's certificate was not accepted: {e}"),
            Fatal::Output(e) => write!(f, "cannot write: {e}"),
        }
    }
}

/// What the connection passes on.
#[derive(Debug)]
pub enum Incoming<'a> {
    /// A message on the report topic: its payload.
    Message(&'a [u8]),
    /// A change of the connection.
    Status(Status),
}

/// A change of the connection, for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// Connected (again), the full report asked for.
    Connected,
    /// The connection failed or dropped; the next try is after this wait.
    Lost { reason: String, retry_in: Duration },
}

/// Reads the printer's reports until `stop` is set, passing each message and each change of
/// the connection to `handle`. Reconnects with backoff when the connection fails or drops;
/// returns `Ok` once stopped, or the [`Fatal`] error.
pub fn watch(
    printer: &Printer,
    stop: &AtomicBool,
    mut handle: impl FnMut(Incoming<'_>) -> std::io::Result<()>,
) -> Result<(), Fatal> {
    let tls = client_config(&printer.trust).map_err(|e| Fatal::Setup(e.to_string()))?;
    let mut options = MqttOptions::new(format!("hms-watch-{}", std::process::id()), &printer.host, printer.port);
    options
        .set_credentials(USER, &printer.access_code)
        .set_keep_alive(Duration::from_secs(30))
        .set_max_packet_size(MAX_MESSAGE, MAX_MESSAGE)
        .set_transport(Transport::tls_with_config(TlsConfiguration::Rustls(Arc::new(tls))));
    let (client, mut connection) = Client::new(options, 16);
    let (report, request) = (printer.report_topic(), printer.request_topic());
    let mut backoff = FIRST_BACKOFF;
    let mut sequence = 0u64;
    while !stop.load(Ordering::Relaxed) {
        let event = match connection.recv_timeout(POLL) {
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => break,
            Ok(event) => event,
        };
        match event {
            Ok(Event::Incoming(Packet::ConnAck(_))) => {
                backoff = FIRST_BACKOFF;
                // The session is clean: subscribe again after every connection.
                let subscribed = client.try_subscribe(report.as_str(), QoS::AtMostOnce);
                let asked = client.try_publish(
                    request.as_str(),
                    QoS::AtMostOnce,
                    false,
                    full_report_request(sequence).into_bytes(),
                );
                sequence += 1;
                if let Err(e) = subscribed.and(asked) {
                    return Err(Fatal::Setup(format!("cannot queue the subscription: {e}")));
                }
                handle(Incoming::Status(Status::Connected)).map_err(Fatal::Output)?;
            }
            Ok(Event::Incoming(Packet::Publish(message))) if message.topic == report => {
                handle(Incoming::Message(&message.payload)).map_err(Fatal::Output)?;
            }
            Ok(_) => {}
            Err(ConnectionError::ConnectionRefused(code)) => return Err(Fatal::Refused(refusal(code))),
            Err(e) if is_certificate_error(&e) => return Err(Fatal::Certificate(reason(&e))),
            Err(e) => {
                handle(Incoming::Status(Status::Lost { reason: reason(&e), retry_in: backoff }))
                    .map_err(Fatal::Output)?;
                wait(backoff, stop);
                backoff = (backoff * 2).min(MAX_BACKOFF);
            }
        }
    }
    let _ = client.try_disconnect();
    Ok(())
}

fn refusal(code: ConnectReturnCode) -> String {
    match code {
        ConnectReturnCode::BadUserNamePassword | ConnectReturnCode::NotAuthorized => {
            "the user or the access code was not accepted".to_owned()
        }
        other => format!("{other:?}"),
    }
}

/// The error and its causes in one line.
fn reason(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(e) = source {
        let more = e.to_string();
        if !text.contains(&more) {
            text = format!("{text}: {more}");
        }
        source = e.source();
    }
    text
}

/// Sleeps for `time`, or less when `stop` is set meanwhile.
fn wait(time: Duration, stop: &AtomicBool) {
    let until = Instant::now() + time;
    while !stop.load(Ordering::Relaxed) {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        thread::sleep(left.min(POLL));
    }
}
