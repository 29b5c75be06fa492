/* Startup of the bare-metal test program on a Cortex-M4F: the vector table, the reset handler
 * (FPU on, .bss cleared, semihosting set up, main, exit) and a fault handler that reports over
 * semihosting, so a trap (such as the library's panic handler) ends QEMU with a failure. The
 * image runs from RAM (see mps2-an386.ld), so .data needs no copy. */
#include <stdint.h>
#include <stdlib.h>

extern uint32_t __bss_start__, __bss_end__, __stack_top;
extern void initialise_monitor_handles(void);
int main(void);

/* An Arm semihosting call: `op` with its argument block. */
static int semihost(int op, const void *arg) {
    register int r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

static void fault_handler(void) {
    semihost(0x04, "bare-metal test: processor fault (a trap of the library's panic handler?)\n"); /* SYS_WRITE0 */
    semihost(0x18, (const void *)0x20024); /* SYS_EXIT, ADP_Stopped_RunTimeErrorUnknown */
    for (;;) {
    }
}

void reset_handler(void) {
    /* CP10 and CP11 full access: the FPU, which the hard-float ABI uses. */
    *(volatile uint32_t *)0xE000ED88 |= 0xFu << 20;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
    for (uint32_t *p = &__bss_start__; p < &__bss_end__; p++) {
        *p = 0;
    }
    initialise_monitor_handles();
    exit(main());
}

/* Initial stack pointer, reset, NMI, HardFault, MemManage, BusFault, UsageFault. */
__attribute__((section(".vectors"), used)) static const uintptr_t vectors[7] = {
    (uintptr_t)&__stack_top,     (uintptr_t)reset_handler, (uintptr_t)fault_handler, (uintptr_t)fault_handler,
    (uintptr_t)fault_handler, (uintptr_t)fault_handler, (uintptr_t)fault_handler,
};
