//! The panic boundary. With std, a panic (there is none known) is caught before it reaches C
//! and returned as `HMS_ERR_INTERNAL`. Without std the bare-metal targets do not unwind, so
//! there is nothing to catch; a static library must still bring a `#[panic_handler]`, and this
//! one traps (`udf` on Arm, `unimp` on RISC-V), so a bug shows as the firmware's fault handler
//! rather than a silent hang.
//!
//! The handler is compiled in whenever std is off, not behind a feature: cargo builds every
//! crate type of the library, the static library included, even as a dependency, and a static
//! library without a handler does not build. A Rust firmware, which has its own handler, uses
//! hms-catalog (the Rust API these functions wrap) rather than this crate.

use core::ffi::c_int;

/// Runs `body`, turning a panic into `HMS_ERR_INTERNAL`.
#[cfg(feature = "std")]
pub fn guard(body: impl FnOnce() -> c_int) -> c_int {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)).unwrap_or(crate::HMS_ERR_INTERNAL)
}

/// Runs `body`: without std a panic cannot be caught (the handler below traps).
#[cfg(not(feature = "std"))]
pub fn guard(body: impl FnOnce() -> c_int) -> c_int {
    body()
}

/// Stops the processor at the fault: an undefined instruction where the target has one to
/// name, else a loop.
#[cfg(all(not(feature = "std"), not(test)))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {
        #[cfg(target_arch = "arm")]
        // SAFETY: `udf` only raises the undefined-instruction fault; it touches no memory.
        unsafe {
            core::arch::asm!("udf #0", options(nomem, nostack));
        }
        #[cfg(any(target_arch = "riscv32", target_arch = "riscv64"))]
        // SAFETY: `unimp` only raises the illegal-instruction exception; it touches no memory.
        unsafe {
            core::arch::asm!("unimp", options(nomem, nostack));
        }
        core::hint::spin_loop();
    }
}
