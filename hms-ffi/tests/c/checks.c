/* The C interface as a C program uses it: real lookups, a too-small buffer, NULL pointers.
 * Shared by the host program (test.c, run by hms-ffi/tests/c_program.rs) and the bare-metal
 * one (bare-metal/main.c, run in QEMU by hms-ffi/tests/bare_metal.rs); no heap, no files. */
#include <stdio.h>
#include <string.h>

#include "checks.h"
#include "hms_catalog.h"

static int failures = 0;

#define CHECK(cond)                                                        \
    do {                                                                   \
        if (!(cond)) {                                                     \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                    \
        }                                                                  \
    } while (0)

#define CHECK_STR(got, want)                                               \
    do {                                                                   \
        if (strcmp((got), (want)) != 0) {                                  \
            fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, (got), (want)); \
            failures++;                                                    \
        }                                                                  \
    } while (0)

static const char SPEED_TITLE[] = "AMS B assist motor does not keep its commanded speed";

static void known_hms_code(void) {
    hms_entry e;
    char buf[1024];
    CHECK(hms_lookup(0x07010100, 0x00010004, NULL, "en", &e) == HMS_OK);
    CHECK(e.known && e.has_entry);
    CHECK(e.channel == HMS_CHANNEL_HMS);
    CHECK(e.code == 0x0701010000010004ULL);
    CHECK(e.level == 1);
    CHECK(e.module_id == 0x07 && e.module_number == 1 && e.unit_letter == 'B' && e.slot == 0);
    CHECK(e.step_count == 7);

    CHECK(hms_title(&e, buf, sizeof buf) == (int)strlen(SPEED_TITLE));
    CHECK_STR(buf, SPEED_TITLE);
    CHECK(hms_level_name(&e, buf, sizeof buf) == 5);
    CHECK_STR(buf, "error");
    CHECK(hms_code_string(&e, buf, sizeof buf) == 19);
    CHECK_STR(buf, "0701_0100_0001_0004");
    CHECK(hms_meaning(&e, buf, sizeof buf) > 0);
    for (size_t i = 0; i < e.step_count; i++) {
        int n = hms_step(&e, i, buf, sizeof buf);
        CHECK(n > 0 && (size_t)n == strlen(buf));
    }
    CHECK(hms_step(&e, e.step_count, buf, sizeof buf) == HMS_ERR_NO_TEXT);
    CHECK_STR(buf, "");
    CHECK(hms_wiki_url(&e, buf, sizeof buf) > 0);
    CHECK(strncmp(buf, "https://wiki.bambulab.com/", 26) == 0);
}

static void family_fills_unit_and_slot(void) {
    hms_entry e;
    char buf[256];
    CHECK(hms_lookup(0x07022300, 0x00020003, NULL, NULL, &e) == HMS_OK);
    CHECK(e.unit_letter == 'C' && e.slot == 4 && e.level == 2);
    CHECK(hms_title(&e, buf, sizeof buf) > 0);
    CHECK_STR(buf, "AMS C slot 4 filament may be broken inside the AMS");
}

static void print_error_and_pasted_codes(void) {
    hms_entry e;
    char buf[64];
    CHECK(hms_lookup_print_error(0x03004000, "H2D", "en", &e) == HMS_OK);
    CHECK(e.channel == HMS_CHANNEL_PRINT_ERROR && e.level == 1 && e.model != HMS_NO_MODEL);
    CHECK(hms_title(&e, buf, sizeof buf) > 0);
    CHECK_STR(buf, "Z axis homing failed; print job stopped");
    CHECK(hms_code_string(&e, buf, sizeof buf) == 9);
    CHECK_STR(buf, "0300-4000");

    CHECK(hms_parse("HMS_0700-2000-0002-0003", NULL, NULL, &e) == HMS_OK);
    CHECK(e.code == 0x0700200000020003ULL && e.slot == 1 && e.level == 2);
    CHECK(hms_parse("0300_4000", NULL, NULL, &e) == HMS_OK);
    CHECK(e.channel == HMS_CHANNEL_PRINT_ERROR);
    CHECK(hms_parse("0700_20G0", NULL, NULL, &e) == HMS_ERR_PARSE);
}

static void official_text_has_the_shape_of_a_text(void) {
    hms_entry e;
    char buf[512];
    CHECK(hms_lookup(0x07002000, 0x00020003, "H2D", "de", &e) == HMS_OK);
    int n = hms_official_text(&e, buf, sizeof buf);
    /* Texts are compiled in only after `cargo xtask regenerate --official`. */
    CHECK(n == HMS_ERR_NO_TEXT || (n >= 0 && (size_t)n == strlen(buf)));
    printf("official text of 0700_2000_0002_0003 on H2D: %s\n", n >= 0 ? "present" : "not compiled in");
}

static void unknown_code(void) {
    hms_entry e;
    char buf[64] = "unchanged";
    CHECK(hms_lookup(0x03009900, 0x00027777, NULL, NULL, &e) == HMS_ERR_UNKNOWN_CODE);
    CHECK(!e.known && !e.has_entry);
    CHECK(e.module_id == 0x03 && e.level == 2 && e.step_count == 0);
    CHECK(hms_title(&e, buf, sizeof buf) == HMS_ERR_NO_TEXT);
    CHECK_STR(buf, "");
    CHECK(hms_module_name(&e, buf, sizeof buf) > 0);
    CHECK(hms_code_string(&e, buf, sizeof buf) == 19);
    CHECK_STR(buf, "0300_9900_0002_7777");
}

static void too_small_buffer(void) {
    hms_entry e;
    char small[8];
    CHECK(hms_lookup(0x07010100, 0x00010004, NULL, NULL, &e) == HMS_OK);
    int needed = hms_title(&e, NULL, 0);
    CHECK(needed == (int)strlen(SPEED_TITLE));
    memset(small, 'x', sizeof small);
    CHECK(hms_title(&e, small, sizeof small) == needed);
    CHECK(small[sizeof small - 1] == '\0');
    CHECK_STR(small, "AMS B a");
    char exact[sizeof SPEED_TITLE];
    CHECK(sizeof exact == (size_t)needed + 1 && hms_title(&e, exact, sizeof exact) == needed);
    CHECK_STR(exact, SPEED_TITLE);
    char one[1] = {'x'};
    CHECK(hms_title(&e, one, 1) == needed && one[0] == '\0');
}

static void null_pointers_and_bad_arguments(void) {
    hms_entry e;
    char buf[16];
    CHECK(hms_lookup(0x07010100, 0x00010004, NULL, NULL, NULL) == HMS_ERR_NULL);
    CHECK(hms_lookup_print_error(0x03004000, NULL, NULL, NULL) == HMS_ERR_NULL);
    CHECK(hms_parse(NULL, NULL, NULL, &e) == HMS_ERR_NULL);
    CHECK(hms_title(NULL, buf, sizeof buf) == HMS_ERR_NULL);
    CHECK_STR(buf, "");
    CHECK(hms_lookup(0x07010100, 0x00010004, NULL, NULL, &e) == HMS_OK);
    CHECK(hms_title(&e, NULL, sizeof buf) == HMS_ERR_NULL);
    CHECK(hms_step(NULL, 0, buf, sizeof buf) == HMS_ERR_NULL);
    CHECK(hms_lookup(0x07010100, 0x00010004, "", NULL, &e) == HMS_ERR_UNKNOWN_MODEL);
    CHECK(hms_lookup(0x07010100, 0x00010004, "H2D\tPro", NULL, &e) == HMS_ERR_UNKNOWN_MODEL);
    CHECK(hms_lookup(0x07010100, 0x00010004, NULL, "", &e) == HMS_ERR_UNKNOWN_LANG);
    CHECK(hms_lookup(0x07010100, 0x00010004, NULL, "de CH", &e) == HMS_ERR_UNKNOWN_LANG);
    hms_entry forged = {0};
    forged.channel = 9;
    CHECK(hms_title(&forged, buf, sizeof buf) == HMS_ERR_BAD_ENTRY);
}

static void negotiated_language(void) {
    hms_entry e;
    CHECK(hms_lookup(0x07010100, 0x00010004, NULL, "de-CH", &e) == HMS_OK && e.lang == 1);
    CHECK(hms_lookup(0x07010100, 0x00010004, NULL, "de_DE.UTF-8", &e) == HMS_OK && e.lang == 1);
    CHECK(hms_lookup(0x07010100, 0x00010004, NULL, "zh-Hant-TW", &e) == HMS_OK && e.lang == 13);
    CHECK(hms_lookup(0x07010100, 0x00010004, NULL, "pt-BR", &e) == HMS_OK && e.lang == 10);
    CHECK(hms_lookup(0x07010100, 0x00010004, NULL, "he", &e) == HMS_OK && e.lang == 0);
    CHECK(hms_lookup(0x07010100, 0x00010004, NULL, "xx", &e) == HMS_OK && e.lang == 0);
}

static void unknown_model_is_no_model(void) {
    hms_entry e, none;
    char buf[256], shared[256];
    CHECK(hms_lookup(0x03000100, 0x00010007, NULL, NULL, &none) == HMS_OK);
    CHECK(hms_lookup(0x03000100, 0x00010007, "Z9000", NULL, &e) == HMS_OK);
    CHECK(e.model == HMS_NO_MODEL);
    CHECK(e.code == none.code && e.known == none.known && e.step_count == none.step_count);
    CHECK(hms_wiki_url(&e, buf, sizeof buf) > 0);
    CHECK(hms_wiki_url(&none, shared, sizeof shared) > 0);
    CHECK_STR(buf, shared);
}

static void reserved_byte_is_cleared(void) {
    hms_entry e;
    char buf[128];
    /* attr 0x07002001, as reported: BambuStudio keys it as 0700_2000_0002_0003. */
    CHECK(hms_lookup(0x07002001, 0x00020003, NULL, NULL, &e) == HMS_OK);
    CHECK(e.known && e.has_entry && e.slot == 1 && e.unit_letter == 'A');
    CHECK(e.code == 0x0700200100020003ULL);
    CHECK(hms_code_string(&e, buf, sizeof buf) == 19);
    CHECK_STR(buf, "0700_2001_0002_0003");
    CHECK(hms_title(&e, buf, sizeof buf) > 0);
    CHECK_STR(buf, "AMS A slot 1 filament may be broken inside the AMS");
    CHECK(hms_parse("0700-20FF-0002-0003", NULL, NULL, &e) == HMS_OK && e.has_entry);
}

static void wiki_qr(void) {
    hms_entry e;
    uint8_t small[16];
    CHECK(hms_lookup(0x03000100, 0x00010007, "H2D", NULL, &e) == HMS_OK);
    int side = hms_wiki_qr(&e, NULL, 0);
    CHECK(side >= 21 && side <= HMS_QR_MAX_SIDE);
    if (side < 21 || side > HMS_QR_MAX_SIDE) {
        return;
    }
    static uint8_t modules[HMS_QR_MAX_MODULES];
    CHECK(hms_wiki_qr(&e, modules, (size_t)side * (size_t)side) == side);
    /* The top left finder pattern: a dark ring around a light ring around a dark square. */
    CHECK(modules[0] == 1 && modules[side + 1] == 0 && modules[2 * side + 2] == 1);
    CHECK(hms_wiki_qr(&e, small, sizeof small) == HMS_ERR_BUFFER_TOO_SMALL);
    CHECK(hms_wiki_qr(NULL, small, sizeof small) == HMS_ERR_NULL);
    CHECK(hms_wiki_qr(&e, NULL, sizeof small) == HMS_ERR_NULL);
}

static void tracker_raises_and_clears(void) {
    static hms_tracker t;
    hms_event ev[HMS_TRACKER_MAX_EVENTS];
    const uint32_t jam[] = {0x07002000, 0x00020003};
    CHECK(hms_tracker_update(&t, 0, jam, 1, 0, ev, HMS_TRACKER_MAX_EVENTS) == HMS_ERR_BAD_ENTRY);
    CHECK(hms_tracker_init(&t, 1000, "H2D") == HMS_OK);
    CHECK(hms_tracker_init(&t, 1000, "") == HMS_ERR_UNKNOWN_MODEL);
    CHECK(hms_tracker_init(&t, 1000, NULL) == HMS_OK);
    CHECK(hms_tracker_update(&t, 0, jam, 1, 0, ev, HMS_TRACKER_MAX_EVENTS) == 1);
    CHECK(ev[0].raised == 1 && ev[0].code == 0x0700200000020003ULL && ev[0].channel == HMS_CHANNEL_HMS);
    /* Still reported, then a partial update: nothing. */
    CHECK(hms_tracker_update(&t, 100, jam, 1, 0, ev, HMS_TRACKER_MAX_EVENTS) == 0);
    CHECK(hms_tracker_update(&t, 200, NULL, 0, -1, ev, HMS_TRACKER_MAX_EVENTS) == 0);
    /* Gone, back within the hold time, gone again: one clear after the hold. */
    CHECK(hms_tracker_update(&t, 300, jam, 0, 0, ev, HMS_TRACKER_MAX_EVENTS) == 0);
    CHECK(hms_tracker_update(&t, 400, jam, 1, 0, ev, HMS_TRACKER_MAX_EVENTS) == 0);
    CHECK(hms_tracker_update(&t, 500, jam, 0, 0x0300400C, ev, HMS_TRACKER_MAX_EVENTS) == 1);
    CHECK(ev[0].raised == 1 && ev[0].channel == HMS_CHANNEL_PRINT_ERROR && ev[0].code == 0x0300400C);
    CHECK(hms_tracker_tick(&t, 1499, ev, HMS_TRACKER_MAX_EVENTS) == 0);
    CHECK(hms_tracker_tick(&t, 1500, ev, HMS_TRACKER_MAX_EVENTS) == 1);
    CHECK(ev[0].raised == 0 && ev[0].code == 0x0700200000020003ULL && ev[0].at_ms == 1500);
    /* Muted codes never raise. */
    CHECK(hms_tracker_mute(&t, 0x0700200000020003ULL, HMS_CHANNEL_HMS) == HMS_OK);
    CHECK(hms_tracker_update(&t, 1600, jam, 1, 0x0300400C, ev, HMS_TRACKER_MAX_EVENTS) == 0);
    CHECK(hms_tracker_mute(&t, 1, 7) == HMS_ERR_PARSE);
    CHECK(hms_tracker_update(&t, 1700, jam, 1, 0x1FFFFFFFFLL, ev, 1) == HMS_ERR_PARSE);
    CHECK(hms_tracker_update(NULL, 0, NULL, 0, -1, ev, 1) == HMS_ERR_NULL);
    CHECK(hms_tracker_dropped(&t) == 0);
}

static void action_payloads(void) {
    char buf[256];
    int n = hms_action_payload(27, 0x03008014, 20001, "512", "0", buf, sizeof buf);
    CHECK(n > 0 && (size_t)n == strlen(buf));
    CHECK_STR(buf, "{\"print\":{\"command\":\"ignore\",\"err\":\"50364436\",\"param\":\"reserve\",\"job_id\":\"512\",\"sequence_id\":\"20001\"}}");
    CHECK(hms_action_payload(27, 0x03008014, 20001, "512", "0", NULL, 0) == n);
    CHECK(hms_action_payload(6, 0x03008014, 1, NULL, NULL, buf, sizeof buf) == HMS_ERR_NO_COMMAND);
    CHECK(hms_action_payload(11, 0x03008014, 2, NULL, "77", buf, sizeof buf) > 0);
    CHECK_STR(buf, "{\"print\":{\"command\":\"clean_print_error\",\"sequence_id\":\"2\",\"subtask_id\":\"77\",\"print_error\":50364436}}");
}

static void alert_classes_and_buttons(void) {
    hms_entry e;
    uint16_t ids[8];
    CHECK(hms_lookup_print_error(0x0300400C, "H2D", NULL, &e) == HMS_OK);
    CHECK(e.alert == HMS_ALERT_STATUS); /* a cancelled print, though its level is an error */
    CHECK(hms_lookup(0x05000100, 0x0002000B, "X2D", NULL, &e) == HMS_OK);
    CHECK(e.alert == HMS_ALERT_SILENT);
    CHECK(hms_lookup(0x05000100, 0x0002000B, "H2D", NULL, &e) == HMS_OK);
    CHECK(e.alert != HMS_ALERT_SILENT);
    CHECK(hms_lookup_print_error(0x03008014, "H2C", NULL, &e) == HMS_OK);
    CHECK(e.alert == HMS_ALERT_FAULT);
    CHECK(hms_actions(&e, NULL, 0) == 2);
    CHECK(hms_actions(&e, ids, 1) == 2 && ids[0] == 4);
    CHECK(hms_actions(&e, ids, 8) == 2 && ids[0] == 4 && ids[1] == 6);
    CHECK(hms_actions(&e, NULL, 8) == HMS_ERR_NULL);
    CHECK(hms_actions(NULL, ids, 8) == HMS_ERR_NULL);
    CHECK(hms_lookup_print_error(0x03008014, NULL, NULL, &e) == HMS_OK);
    CHECK(hms_actions(&e, ids, 8) == 0); /* no model: no list to read */
}

int hms_run_checks(void) {
    failures = 0;
    known_hms_code();
    family_fills_unit_and_slot();
    print_error_and_pasted_codes();
    official_text_has_the_shape_of_a_text();
    unknown_code();
    too_small_buffer();
    null_pointers_and_bad_arguments();
    negotiated_language();
    unknown_model_is_no_model();
    reserved_byte_is_cleared();
    wiki_qr();
    tracker_raises_and_clears();
    action_payloads();
    alert_classes_and_buttons();
    if (failures) {
        fprintf(stderr, "%d checks failed\n", failures);
    }
    return failures;
}
