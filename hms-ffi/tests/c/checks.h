/* The checks of the C interface, shared by the host and the bare-metal test programs. */
#ifndef HMS_CHECKS_H
#define HMS_CHECKS_H

/* Runs every check, printing each failure to stderr; returns how many failed. */
int hms_run_checks(void);

#endif
