//! `hms watch` against a real MQTT broker: mosquitto on 127.0.0.1 with TLS (a test CA and a
//! certificate named by serial number, as a printer's is) and a password file, a publisher that
//! replays real printer reports with faults put in and taken out, and the events `hms watch
//! --json` prints. Skipped, with a message, where mosquitto cannot be started.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::thread;
use std::time::{Duration, Instant};

use hms_cli::watch::tls::{Trust, client_config};
use rumqttc::{Client, Event, MqttOptions, Packet, QoS, TlsConfiguration, Transport};
use serde_json::{Value, json};

const SERIAL: &str = "0948AB000000001";
const ACCESS_CODE: &str = "12345678";
const FAULT: (u32, u32) = (0x0700_2000, 0x0002_0003);
const WAIT: Duration = Duration::from_secs(20);

fn mosquitto() -> Option<PathBuf> {
    ["/usr/sbin/mosquitto", "/usr/bin/mosquitto"].iter().map(PathBuf::from).find(|p| p.exists())
}

/// A mosquitto broker with TLS and a password file, in its own folder.
struct Broker {
    binary: PathBuf,
    dir: PathBuf,
    port: u16,
    child: Option<Child>,
}

impl Broker {
    fn start() -> Option<Broker> {
        let Some(binary) = mosquitto() else {
            eprintln!("skipped: mosquitto is not installed (Debian package `mosquitto`)");
            return None;
        };
        let dir = std::env::temp_dir().join(format!("hms-watch-broker-{}-{}", std::process::id(), unique()));
        std::fs::create_dir_all(&dir).unwrap();
        write_certificates(&dir);
        let passwd = dir.join("passwd");
        let made =
            Command::new("mosquitto_passwd").arg("-c").arg("-b").arg(&passwd).args(["bblp", ACCESS_CODE]).output();
        if !made.as_ref().is_ok_and(|o| o.status.success()) {
            eprintln!("skipped: mosquitto_passwd could not write a password file: {made:?}");
            return None;
        }
        let port = free_port();
        let config = format!(
            "listener {port} 127.0.0.1\ncafile {0}/ca.pem\ncertfile {0}/printer.pem\nkeyfile {0}/printer.key\n\
             password_file {1}\nallow_anonymous false\npersistence false\nlog_dest stderr\n",
            dir.display(),
            passwd.display()
        );
        std::fs::write(dir.join("mosquitto.conf"), config).unwrap();
        let mut broker = Broker { binary, dir, port, child: None };
        if !broker.run() {
            eprintln!("skipped: mosquitto did not start on 127.0.0.1:{port}");
            return None;
        }
        Some(broker)
    }

    fn run(&mut self) -> bool {
        let child = Command::new(&self.binary)
            .arg("-c")
            .arg(self.dir.join("mosquitto.conf"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        let Ok(child) = child else { return false };
        self.child = Some(child);
        let until = Instant::now() + WAIT;
        while Instant::now() < until {
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return true;
            }
            thread::sleep(Duration::from_millis(50));
        }
        false
    }

    fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    fn ca(&self) -> PathBuf {
        self.dir.join("ca.pem")
    }
}

impl Drop for Broker {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn unique() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A CA, and a certificate it signs named only by the serial number (no address), as
/// printers have.
fn write_certificates(dir: &Path) {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name.push(DnType::CommonName, "hms test CA");
    let ca_cert = ca.self_signed(&ca_key).unwrap();
    let key = KeyPair::generate().unwrap();
    let mut printer = CertificateParams::new(Vec::<String>::new()).unwrap();
    printer.distinguished_name.push(DnType::CommonName, SERIAL);
    let cert = printer.signed_by(&key, &Issuer::new(ca, ca_key)).unwrap();
    std::fs::write(dir.join("ca.pem"), ca_cert.pem()).unwrap();
    std::fs::write(dir.join("printer.pem"), cert.pem()).unwrap();
    std::fs::write(dir.join("printer.key"), key.serialize_pem()).unwrap();
}

/// Stands in for the printer: publishes reports, and records the requests it is sent.
struct Publisher {
    client: Client,
    requests: Receiver<Value>,
}

impl Publisher {
    fn connect(broker: &Broker) -> Publisher {
        let tls = client_config(&Trust::Ca(broker.ca())).unwrap();
        let mut options = MqttOptions::new(format!("printer-{}", unique()), "127.0.0.1", broker.port);
        options
            .set_credentials("bblp", ACCESS_CODE)
            .set_max_packet_size(1 << 22, 1 << 22)
            .set_transport(Transport::tls_with_config(TlsConfiguration::Rustls(Arc::new(tls))));
        let (client, mut connection) = Client::new(options, 64);
        let (sent, requests) = channel();
        let (ready, connected) = channel();
        let subscriber = client.clone();
        thread::spawn(move || {
            for event in connection.iter() {
                match event {
                    Ok(Event::Incoming(Packet::ConnAck(_))) => {
                        let _ = subscriber.try_subscribe(format!("device/{SERIAL}/request"), QoS::AtLeastOnce);
                    }
                    Ok(Event::Incoming(Packet::SubAck(_))) => {
                        let _ = ready.send(());
                    }
                    Ok(Event::Incoming(Packet::Publish(p))) => {
                        let _ = sent.send(serde_json::from_slice(&p.payload).unwrap_or(Value::Null));
                    }
                    Ok(_) => {}
                    Err(_) => thread::sleep(Duration::from_millis(100)),
                }
            }
        });
        connected.recv_timeout(WAIT).expect("the test publisher connects");
        Publisher { client, requests }
    }

    fn publish(&self, payload: impl Into<Vec<u8>>) {
        self.client.publish(format!("device/{SERIAL}/report"), QoS::AtLeastOnce, false, payload).unwrap();
    }

    fn report(&self, base: &Value, hms: &[(u32, u32)]) {
        let mut print = base.clone();
        print["hms"] = hms.iter().map(|&(attr, code)| json!({"attr": attr, "code": code})).collect();
        self.publish(json!({ "print": print }).to_string());
    }
}

/// The real H2D report, as the printer sends it.
fn h2d_report() -> Option<Value> {
    let official = match std::env::var_os("HMS_OFFICIAL_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/hms-official"),
    };
    let path = official.join("ha-bambulab/reports/H2D.json");
    let text = std::fs::read_to_string(&path).ok()?;
    let value: Value = serde_json::from_str(&text).ok()?;
    Some(value["push_all"].clone())
}

/// A running `hms watch`, its output lines as they come.
struct Watch {
    child: Child,
    out: Receiver<String>,
    err: Receiver<String>,
}

impl Watch {
    fn start(broker: &Broker, access_code: &str, ca: &Path) -> Watch {
        let mut child = Command::new(env!("CARGO_BIN_EXE_hms"))
            .args(["watch", "--host", "127.0.0.1", "--serial", SERIAL, "--json", "--hold", "1"])
            .args(["--port", &broker.port.to_string(), "--ca"])
            .arg(ca)
            .env("HMS_ACCESS_CODE", access_code)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let out = lines(child.stdout.take().unwrap());
        let err = lines(child.stderr.take().unwrap());
        Watch { child, out, err }
    }

    /// The next stdout line as JSON.
    fn event(&self) -> Value {
        let line = self.out.recv_timeout(WAIT).expect("an event line");
        serde_json::from_str(&line).unwrap()
    }

    /// Waits for a stderr line containing `text`.
    fn said(&self, text: &str) -> String {
        let until = Instant::now() + WAIT;
        loop {
            let left = until.saturating_duration_since(Instant::now());
            match self.err.recv_timeout(left) {
                Ok(line) if line.contains(text) => return line,
                Ok(_) => {}
                Err(e) => panic!("no stderr line with `{text}`: {e:?}"),
            }
        }
    }

    fn no_event_for(&self, time: Duration) {
        match self.out.recv_timeout(time) {
            Err(RecvTimeoutError::Timeout) => {}
            other => panic!("unexpected output: {other:?}"),
        }
    }

    fn interrupt(mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        Command::new("kill").args(["-INT", &pid]).status().unwrap();
        wait_exit(&mut self.child)
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn wait_exit(child: &mut Child) -> std::process::ExitStatus {
    let until = Instant::now() + WAIT;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(Instant::now() < until, "hms watch did not exit");
        thread::sleep(Duration::from_millis(50));
    }
}

fn lines(from: impl std::io::Read + Send + 'static) -> Receiver<String> {
    let (send, receive) = channel();
    thread::spawn(move || {
        for line in BufReader::new(from).lines() {
            let Ok(line) = line else { break };
            if send.send(line).is_err() {
                break;
            }
        }
    });
    receive
}

fn fault_code() -> String {
    hms_catalog::AnyCode::from(hms_catalog::Hms::from_mqtt(FAULT.0, FAULT.1)).to_string()
}

#[test]
fn raises_clears_survives_a_broker_restart_and_malformed_messages() {
    let Some(mut broker) = Broker::start() else { return };
    let Some(base) = h2d_report() else {
        eprintln!("skipped: the real H2D report (../shared/hms-official) is not here");
        return;
    };
    let publisher = Publisher::connect(&broker);
    let watch = Watch::start(&broker, ACCESS_CODE, &broker.ca());
    watch.said("connected");
    // The one thing it sends: a request for a full report.
    let request = publisher.requests.recv_timeout(WAIT).expect("a full-report request");
    assert_eq!(request["pushing"]["command"], "pushall");

    publisher.report(&base, &[FAULT]);
    let raised = watch.event();
    assert_eq!((raised["event"].as_str(), raised["code"].as_str()), (Some("raised"), Some(fault_code().as_str())));
    assert_eq!(raised["alert"], "fault");
    assert_eq!(raised["explanation"]["title"], "AMS A slot 1 filament may be broken inside the AMS");
    // Reported again, and a partial update: nothing new.
    publisher.report(&base, &[FAULT]);
    publisher.publish(r#"{"print": {"nozzle_temper": 215.0}}"#);
    // Malformed messages are told and the stream goes on.
    publisher.publish("not json at all");
    watch.said("not JSON");
    publisher.publish(r#"{"print": {"hms": [{"attr": "x"}]}}"#);
    watch.said("print.hms[0]");
    watch.no_event_for(Duration::from_millis(500));

    // The broker goes away and comes back: the watch reconnects and does not raise again.
    broker.stop();
    watch.said("connection lost");
    assert!(broker.run(), "mosquitto restarts");
    watch.said("connected");
    let publisher = Publisher::connect(&broker);
    publisher.report(&base, &[FAULT]);
    watch.no_event_for(Duration::from_millis(1500));

    // The fault is taken out: cleared once the hold time (1 s) has passed.
    publisher.report(&base, &[]);
    thread::sleep(Duration::from_millis(1100));
    publisher.report(&base, &[]);
    let cleared = watch.event();
    assert_eq!((cleared["event"].as_str(), cleared["code"].as_str()), (Some("cleared"), Some(fault_code().as_str())));
    watch.no_event_for(Duration::from_millis(300));

    // Ctrl-C ends it cleanly.
    let status = watch.interrupt();
    assert_eq!(status.code(), Some(0), "exit status after Ctrl-C");
}

#[test]
fn a_wrong_access_code_is_a_clear_error() {
    let Some(broker) = Broker::start() else { return };
    let mut watch = Watch::start(&broker, "00000000", &broker.ca());
    let status = wait_exit(&mut watch.child);
    assert_eq!(status.code(), Some(2));
    let said = watch.said("refused");
    assert!(said.contains("access code was not accepted"), "{said}");
}

#[test]
fn a_certificate_from_another_ca_is_refused() {
    let Some(broker) = Broker::start() else { return };
    let other = std::env::temp_dir().join(format!("hms-watch-other-ca-{}", std::process::id()));
    std::fs::create_dir_all(&other).unwrap();
    write_certificates(&other);
    let mut watch = Watch::start(&broker, ACCESS_CODE, &other.join("ca.pem"));
    let status = wait_exit(&mut watch.child);
    assert_eq!(status.code(), Some(2));
    watch.said("certificate was not accepted");
    let _ = std::fs::remove_dir_all(&other);
}
