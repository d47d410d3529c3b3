// expect-no-findings
/*
 * freertos_nested_fixed.c - FreeRTOS critical sections nest (the port
 * counts them): a task enters one and calls a driver helper that enters
 * and leaves its own, then keeps updating shared state; an interrupt-safe
 * variant (taskENTER_CRITICAL_FROM_ISR, here a function as on ports that
 * define it so) guards the same state in another task. The port's own
 * vPortEnterCritical/vPortExitCritical are defined in the program, as when
 * port.c is in the build: the model still wins over their body.
 *
 * The inner exit leaves the outer section in force; every access to
 * head and tail is inside an atomic section. No finding.
 */
#include <stddef.h>

typedef long BaseType_t;
typedef unsigned long UBaseType_t;
typedef void *TaskHandle_t;
typedef void (*TaskFunction_t)(void *);

BaseType_t xTaskCreate(TaskFunction_t pxTaskCode, const char *pcName, unsigned short usStackDepth,
                       void *pvParameters, UBaseType_t uxPriority, TaskHandle_t *pxCreatedTask);
void vTaskStartScheduler(void);
UBaseType_t taskENTER_CRITICAL_FROM_ISR(void);
void taskEXIT_CRITICAL_FROM_ISR(UBaseType_t saved);

/* port.c: interrupt masking and a nesting count (what the model stands for) */
static volatile unsigned critical_nesting;
void vPortEnterCritical(void)
{
    critical_nesting++;
}
void vPortExitCritical(void)
{
    critical_nesting--;
}
#define taskENTER_CRITICAL() vPortEnterCritical()
#define taskEXIT_CRITICAL() vPortExitCritical()

static unsigned head, tail;

static void kick_dma(void)
{
    taskENTER_CRITICAL();
    tail = head;
    taskEXIT_CRITICAL();
}

static void writer(void *pv)
{
    (void)pv;
    for (;;) {
        taskENTER_CRITICAL();
        head++;
        kick_dma();
        head++;     /* still inside the outer section */
        taskEXIT_CRITICAL();
    }
}

static void isr_like(void *pv)
{
    (void)pv;
    for (;;) {
        UBaseType_t saved = taskENTER_CRITICAL_FROM_ISR();
        if (head != tail)
            tail++;
        taskEXIT_CRITICAL_FROM_ISR(saved);
    }
}

int main(void)
{
    xTaskCreate(writer, "wr", 128, NULL, 2, NULL);
    xTaskCreate(isr_like, "isr", 128, NULL, 3, NULL);
    vTaskStartScheduler();
    return 0;
}
