/*
 * Second-stage boot for the Pico's W25Q16 (our own, 252 bytes of code at most; tools/boot2crc
 * appends the CRC-32 the boot ROM checks). The boot ROM copies it to SRAM 0x20041F00 and runs it
 * there; an emulator may run it in place at 0x10000000: the code is position-independent.
 *
 * It sets the SSI up for XIP with the standard 03h READ command (any SPI NOR flash answers it;
 * 24-bit address, 32-bit data frames, clk_sys / 4), then enters the image: VTOR = 0x10000100, MSP
 * and PC from that vector table.
 */
    .syntax unified
    .cpu cortex-m0plus
    .thumb
    .section .boot2_text, "ax"

#define SSI_BASE 0x18000000
#define SSI_CTRLR0 0x00
#define SSI_CTRLR1 0x04
#define SSI_SSIENR 0x08
#define SSI_BAUDR 0x14
#define SSI_SPI_CTRLR0 0xF4
#define PADS_QSPI_BASE 0x40020000
#define PADS_QSPI_SCLK 0x04

    .global boot2_entry
    .type boot2_entry, %function
    .thumb_func
boot2_entry:
    /* SCLK pad: 8 mA drive, fast slew (as the SDK's generic boot2 does) */
    ldr r3, =PADS_QSPI_BASE
    movs r0, #0x21          /* DRIVE = 2 (8 mA) << 4 | SLEWFAST */
    str r0, [r3, #PADS_QSPI_SCLK]

    ldr r3, =SSI_BASE
    movs r1, #0
    str r1, [r3, #SSI_SSIENR]          /* disable to configure */
    movs r1, #4
    str r1, [r3, #SSI_BAUDR]           /* clk_sys / 4 */
    ldr r1, =((0 << 21) | (31 << 16) | (3 << 8)) /* SPI_FRF std, DFS_32 = 31, TMOD EEPROM read */
    str r1, [r3, #SSI_CTRLR0]
    ldr r1, =((0x03 << 24) | (2 << 8) | (6 << 2) | 0) /* XIP_CMD 03h, INST_L 8 bit, ADDR_L 24 bit, 1C1A */
    ldr r0, =(SSI_BASE + SSI_SPI_CTRLR0)
    str r1, [r0]
    movs r1, #0
    str r1, [r3, #SSI_CTRLR1]          /* NDF = 0: one data frame per XIP access */
    movs r1, #1
    str r1, [r3, #SSI_SSIENR]          /* enable: XIP reads now work */

    /* enter the image through its vector table at 0x10000100 */
    ldr r0, =0x10000100
    ldr r1, =0xE000ED08               /* VTOR */
    str r0, [r1]
    ldmia r0, {r0, r1}
    msr msp, r0
    bx r1
    .ltorg
