/* The bare-metal test program: a few lookups printed as a display board would show them, then
 * the shared checks (../checks.c). Runs on QEMU's mps2-an386 (Cortex-M4F) with semihosting,
 * linked with libhms_ffi.a built for thumbv7em-none-eabihf without std; built and run by
 * hms-ffi/tests/bare_metal.rs. */
#include <stdint.h>
#include <stdio.h>

#include "../checks.h"
#include "hms_catalog.h"

/* Prints "<code> <level>: <title>" and the first procedure step, if any. */
static void show(const hms_entry *e) {
    char code[24], level[16], title[128], step[256];
    if (hms_code_string(e, code, sizeof code) < 0) {
        code[0] = '\0';
    }
    if (hms_level_name(e, level, sizeof level) < 0) {
        snprintf(level, sizeof level, "unknown");
    }
    if (hms_title(e, title, sizeof title) < 0) {
        snprintf(title, sizeof title, "(unknown code)");
    }
    printf("%s %s: %s\n", code, level, title);
    if (hms_step(e, 0, step, sizeof step) >= 0) {
        printf("  1. %s\n", step);
    }
}

int main(void) {
    static const uint32_t reports[][2] = {
        {0x07010100, 0x00010004},
        {0x07022300, 0x00020003},
        {0x03009900, 0x00027777},
    };
    hms_entry e;
    for (size_t i = 0; i < sizeof reports / sizeof reports[0]; i++) {
        hms_lookup(reports[i][0], reports[i][1], NULL, "en", &e);
        show(&e);
    }
    hms_lookup_print_error(0x03004000, "H2D", NULL, &e);
    show(&e);
    hms_parse("HMS_0700-2000-0002-0003", NULL, NULL, &e);
    show(&e);
    if (hms_run_checks() != 0) {
        return 1;
    }
    printf("C interface on Cortex-M4F: all checks passed\n");
    return 0;
}
