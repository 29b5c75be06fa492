/* The host test program: the shared checks (checks.c), linked with libhms_ffi.a.
 * Built and run by hms-ffi/tests/c_program.rs (cargo test). */
#include <stdio.h>

#include "checks.h"

int main(void) {
    if (hms_run_checks() != 0) {
        return 1;
    }
    printf("C interface: all checks passed\n");
    return 0;
}
