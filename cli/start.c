/* The static-pie program's entry (CMakeLists.txt QG_PREFAULT_ENTRY; docs/ARCHITECTURE.md
 * "Session 36"). Before the C library's start relocates the program, every page of the
 * writable segment's file part is made private in one madvise(MADV_POPULATE_WRITE): the
 * relocation would write to nearly all of them (42 of its 53 pages in a one-article lint)
 * and take one copy-on-write fault each. One call does the same copies without the faults.
 * It runs before relocation, thread-local storage and the stack protector's guard exist, so
 * it reads only its own ELF header through a hidden symbol (PC-relative, no relocation),
 * calls no function and makes the system call itself; a kernel without the advice (before
 * Linux 5.14) returns EINVAL, and the relocation then faults the pages in as before. */
#if defined(__x86_64__) && defined(__linux__)
#include <elf.h>
#include <stdint.h>

extern const Elf64_Ehdr __ehdr_start __attribute__((visibility("hidden")));
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
    long rc;
    __asm__ volatile("syscall"
                     : "=a"(rc)
                     : "0"(28L /* madvise */), "D"(a), "S"(b - a), "d"(23L /* MADV_POPULATE_WRITE */)
                     : "rcx", "r11", "memory");
    (void)rc;
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
