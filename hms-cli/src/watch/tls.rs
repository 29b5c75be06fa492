//! How `hms watch` trusts a printer's certificate. A Bambu printer presents a certificate
//! signed by Bambu's own CA, not by a public one, and named after its serial number rather
//! than its address, so the usual check (a public CA, the name you dialled) fails on every
//! printer. Two ways are offered:
//!
//! * [`Trust::Ca`]: the certificate chain must lead to the CA certificate(s) in a PEM file;
//!   the name in the certificate is not compared with the address (printers are reached by
//!   IP address and named by serial), so any certificate that CA signed is accepted.
//! * [`Trust::Insecure`]: any certificate is accepted; the connection is encrypted but anyone
//!   on the network path could pose as the printer. The command warns when it is used.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, verify_tls12_signature, verify_tls13_signature};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, ClientConfig, DigitallySignedStruct, Error, RootCertStore, SignatureScheme};

/// Which printer certificates to accept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Trust {
    /// Certificates signed by the CA certificate(s) in this PEM file.
    Ca(PathBuf),
    /// Any certificate (`--insecure`).
    Insecure,
}

/// A CA file that cannot be used.
#[derive(Debug)]
pub struct CaError(String);

impl fmt::Display for CaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CaError {}

/// The TLS settings for `trust`, with the ring provider.
pub fn client_config(trust: &Trust) -> Result<ClientConfig, CaError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let chain = match trust {
        Trust::Ca(path) => {
            let shown = path.display();
            let mut roots = RootCertStore::empty();
            let certs = CertificateDer::pem_file_iter(path)
                .map_err(|e| CaError(format!("cannot read the CA file {shown}: {e}")))?;
            for cert in certs {
                let cert = cert.map_err(|e| CaError(format!("the CA file {shown} is not valid PEM: {e}")))?;
                roots
                    .add(cert)
                    .map_err(|e| CaError(format!("the CA file {shown} holds an unusable certificate: {e}")))?;
            }
            if roots.is_empty() {
                return Err(CaError(format!("the CA file {shown} holds no certificate")));
            }
            let inner = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
                .build()
                .map_err(|e| CaError(format!("the CA file {shown} cannot be used: {e}")))?;
            Some(inner)
        }
        Trust::Insecure => None,
    };
    let verifier = Arc::new(PrinterVerifier { chain, provider: provider.clone() });
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| CaError(format!("TLS settings: {e}")))?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    Ok(config)
}

/// Whether a TLS error says the printer's certificate was refused (retrying cannot help).
pub fn is_certificate_error(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut source = Some(error);
    while let Some(e) = source {
        if let Some(Error::InvalidCertificate(_)) = e.downcast_ref::<Error>() {
            return true;
        }
        if let Some(io) = e.downcast_ref::<std::io::Error>()
            && io.get_ref().is_some_and(|inner| is_certificate_error(inner))
        {
            return true;
        }
        source = e.source();
    }
    false
}

/// The printer's certificate check: with a CA, its chain must lead to that CA (the name is
/// not compared, see the module); without one (`--insecure`), any certificate. The handshake's
/// signatures are checked either way, with the provider's algorithms.
#[derive(Debug)]
struct PrinterVerifier {
    chain: Option<Arc<WebPkiServerVerifier>>,
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for PrinterVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        let Some(chain) = &self.chain else { return Ok(ServerCertVerified::assertion()) };
        // The chain is checked before the name: a name error means the chain is good.
        match chain.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now) {
            Err(Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        verify_tls12_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        verify_tls13_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}
