/* The host test program: the shared checks (checks.c), linked with libhms_ffi.a.
 * Built and run by hms-ffi/tests/c_program.rs (cargo test). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "checks.h"
#include "hms_catalog.h"

/* One light module of the picture: the code's light modules and its quiet zone. */
static int light(const uint8_t *modules, int side, int x, int y) {
    int zone = HMS_QR_QUIET_ZONE;
    if (x < zone || y < zone || x >= side + zone || y >= side + zone) {
        return 1;
    }
    return modules[(y - zone) * side + (x - zone)] == 0;
}

/* Draws a QR code as `hms explain --qr` does: two rows of modules a line in half blocks,
 * light modules drawn and dark ones blank (for a dark terminal), inside the quiet zone. */
static void print_qr(const uint8_t *modules, int side) {
    static const char *const cells[4] = {" ", "\xe2\x96\x84", "\xe2\x96\x80", "\xe2\x96\x88"}; /* " ▄▀█" */
    int width = side + 2 * HMS_QR_QUIET_ZONE;
    for (int top = 0; top < width; top += 2) {
        for (int x = 0; x < width; x++) {
            int up = light(modules, side, x, top);
            int down = top + 1 < width && light(modules, side, x, top + 1);
            fputs(cells[up * 2 + down], stdout);
        }
        putchar('\n');
    }
}

/* Looks `code` up on `model` (NULL for none) and draws its wiki page's QR code. */
static int draw_wiki_qr(const char *code, const char *model) {
    static uint8_t modules[HMS_QR_MAX_MODULES];
    hms_entry e;
    char url[256];
    int found = hms_parse(code, model, NULL, &e);
    if (found != HMS_OK && found != HMS_ERR_UNKNOWN_CODE) {
        return found;
    }
    int side = hms_wiki_qr(&e, modules, sizeof modules);
    if (side < 0) {
        return side;
    }
    hms_wiki_url(&e, url, sizeof url);
    printf("wiki QR of %s on %s (%s):\n", code, model ? model : "any model", url);
    print_qr(modules, side);
    return HMS_OK;
}

/* With arguments `CODE` or `CODE@MODEL`, draws each one's wiki QR code and checks nothing
 * else (the Rust test decodes the drawings); without, runs the checks. */
int main(int argc, char **argv) {
    if (argc > 1) {
        for (int i = 1; i < argc; i++) {
            char code[64];
            const char *at = strchr(argv[i], '@');
            size_t n = at ? (size_t)(at - argv[i]) : strlen(argv[i]);
            if (n >= sizeof code) {
                return 2;
            }
            memcpy(code, argv[i], n);
            code[n] = '\0';
            int drawn = draw_wiki_qr(code, at ? at + 1 : NULL);
            if (drawn != HMS_OK) {
                fprintf(stderr, "%s: error %d\n", argv[i], drawn);
                return 1;
            }
        }
        return 0;
    }
    /* The wiki page of this code on the H2D is a version 5 code (the library's own build has
     * the wiki pages; the bare-metal one may not, so the shared checks do not pin the size). */
    hms_entry e;
    if (hms_lookup(0x03000100, 0x00010007, "H2D", NULL, &e) != HMS_OK || hms_wiki_qr(&e, NULL, 0) != 37
        || draw_wiki_qr("0300_0100_0001_0007", "H2D") != HMS_OK) {
        fprintf(stderr, "the H2D wiki page of 0300_0100_0001_0007 is not a 37-module QR code\n");
        return 1;
    }
    if (hms_run_checks() != 0) {
        return 1;
    }
    printf("C interface: all checks passed\n");
    return 0;
}
