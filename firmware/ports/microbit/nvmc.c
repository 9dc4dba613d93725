/* The nRF51 flash controller (NVMC): page erase and word write, each waiting for READY. */
#include "nrf51.h"

void nrf51_erase_page(uint32_t addr)
{
    NVMC_CONFIG = 2u;
    NVMC_ERASEPAGE = addr;
    while (NVMC_READY == 0) {
    }
    NVMC_CONFIG = 0u;
}

void nrf51_write_word(uint32_t addr, uint32_t w)
{
    NVMC_CONFIG = 1u;
    *(volatile uint32_t *)addr = w;
    while (NVMC_READY == 0) {
    }
    NVMC_CONFIG = 0u;
}
