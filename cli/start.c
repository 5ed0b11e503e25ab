/* The static-pie program's entry (CMakeLists.txt QG_PREFAULT_ENTRY; docs/ARCHITECTURE.md
 * "Session 36" and "Session 37"). Before the C library's start relocates the program, every
 * page of the writable segment's file part is made private in one madvise(MADV_POPULATE_WRITE):
 * the relocation would write to nearly all of them (42 of its 53 pages in a one-article lint)
 * and take one copy-on-write fault each. One call does the same copies without the faults.
 * Then the program's hot code and constants (qg_hot_ranges: its own objects, the C library,
 * jemalloc, ICU's common library, PCRE2, as the link laid them out) are mapped in with
 * madvise(MADV_POPULATE_READ), one call a range: a one-article lint touched about 55 places of
 * its 6.8 MB of code and 24 of its constants, a page fault each (9 to 11 us on the VMs measured),
 * where mapping in the pages of those ranges costs about 0.2 us a page.
 * It runs before relocation, thread-local storage and the stack protector's guard exist, so
 * it reads only its own ELF header and its own constants through hidden symbols (PC-relative,
 * no relocation), calls no function and makes the system calls itself; a kernel without the
 * advice (before Linux 5.14) returns EINVAL, and the pages fault in as before. */
#if defined(__x86_64__) && defined(__linux__)
#include <elf.h>
#include <stdbool.h>
#include <stdint.h>

extern const Elf64_Ehdr __ehdr_start __attribute__((visibility("hidden")));

/* The hot ranges, filled in the linked program by tools/hot_ranges.py (CMakeLists.txt, after
 * the link, from the linker's map): [0] QG_HOT_FILLED, [1] the number of ranges, then each
 * range's first and last-plus-one byte as offsets from the program's load address. Left as
 * built ([0] QG_HOT_EMPTY: no Python at build time, or no map), nothing is mapped in. */
#define QG_HOT_EMPTY 0x52484751u  /* "QGHR" */
#define QG_HOT_FILLED 0x46484751u /* "QGHF" */
#define QG_HOT_MAX 24
__attribute__((used, visibility("hidden"))) const uint32_t qg_hot_ranges[2 + 2 * QG_HOT_MAX] = {
    QG_HOT_EMPTY, 0};

static inline __attribute__((always_inline)) long qg_sys_madvise(uintptr_t a, uintptr_t len, long advice) {
  long rc;
  __asm__ volatile("syscall"
                   : "=a"(rc)
                   : "0"(28L /* madvise */), "D"(a), "S"(len), "d"(advice)
                   : "rcx", "r11", "memory");
  return rc;
}
#ifdef QG_START_CHECK /* CMakeLists.txt's test program: main sees that the entry ran */
static volatile int qg_start_ran;
#define QG_START_MARK() (qg_start_ran = 1)
#else
#define QG_START_MARK() (void)0
#endif
void qg_prefault_rw(void) __attribute__((visibility("hidden"), used, no_stack_protector));
void qg_prefault_rw(void) {
  const Elf64_Ehdr *eh = &__ehdr_start;
  const Elf64_Phdr *ph = (const Elf64_Phdr *)((const char *)eh + eh->e_phoff);
  uintptr_t bias = 0;
  for (unsigned i = 0; i < eh->e_phnum; i++)
    if (ph[i].p_type == PT_LOAD && ph[i].p_offset == 0) {
      bias = (uintptr_t)eh - ph[i].p_vaddr;
      break;
    }
  for (unsigned i = 0; i < eh->e_phnum; i++) {
    if (ph[i].p_type != PT_LOAD || !(ph[i].p_flags & PF_W) || !ph[i].p_filesz) continue;
    uintptr_t a = (bias + ph[i].p_vaddr) & ~(uintptr_t)4095;
    uintptr_t b = (bias + ph[i].p_vaddr + ph[i].p_filesz + 4095) & ~(uintptr_t)4095;
    (void)qg_sys_madvise(a, b - a, 23L /* MADV_POPULATE_WRITE */);
  }
  /* the table read through a pointer the compiler cannot see into: as compiled it holds
   * QG_HOT_EMPTY, and the tool changes it after the link */
  const uint32_t *hot = qg_hot_ranges;
  __asm__("" : "+r"(hot));
  if (hot[0] == QG_HOT_FILLED && hot[1] <= QG_HOT_MAX) {
    for (uint32_t r = 0; r < hot[1]; r++) {
      uintptr_t a = hot[2 + 2 * r] & ~(uintptr_t)4095, b = hot[3 + 2 * r];
      /* only within a read-only, file-backed segment (text or constants) */
      bool inside = false;
      for (unsigned i = 0; i < eh->e_phnum && !inside; i++)
        inside = ph[i].p_type == PT_LOAD && !(ph[i].p_flags & PF_W) && a < b &&
                 a >= (ph[i].p_vaddr & ~(uintptr_t)4095) && b <= ph[i].p_vaddr + ph[i].p_filesz;
      if (inside) (void)qg_sys_madvise(bias + a, ((b + 4095) & ~(uintptr_t)4095) - a, 22L /* MADV_POPULATE_READ */);
    }
  }
  QG_START_MARK();
}

/* The kernel's entry state is kept for _start: the stack as it was (argc, argv, envp, auxv)
 * and %rdx (a function to register with atexit, zero for a static program). */
__asm__(".text\n"
        ".globl qg_entry\n"
        ".hidden qg_entry\n"
        ".type qg_entry,@function\n"
        "qg_entry:\n"
        "  mov %rdx, %r12\n"
        "  mov %rsp, %rbx\n"
        "  and $-16, %rsp\n"
        "  call qg_prefault_rw\n"
        "  mov %rbx, %rsp\n"
        "  mov %r12, %rdx\n"
        "  jmp _start\n"
        ".size qg_entry, .-qg_entry\n");
#else
typedef int qg_start_unused; /* (an empty translation unit is not ISO C) */
#endif
