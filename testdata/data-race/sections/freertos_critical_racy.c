/*
 * freertos_critical_racy.c - as freertos_critical_fixed.c, but the
 * consumer decrements the counter after leaving its critical section: the
 * test is protected, the update is not.
 *
 * TRUTH: a race on queued: the consumer's unprotected `queued--` against
 * the producer's protected `queued++`. The primary location is the first
 * write in the file: the producer's.
 */
#include <stddef.h>

typedef long BaseType_t;
typedef unsigned long UBaseType_t;
typedef void *TaskHandle_t;
typedef void (*TaskFunction_t)(void *);

BaseType_t xTaskCreate(TaskFunction_t pxTaskCode, const char *pcName, unsigned short usStackDepth,
                       void *pvParameters, UBaseType_t uxPriority, TaskHandle_t *pxCreatedTask);
void vTaskStartScheduler(void);
void vTaskDelay(unsigned long ticks);
void vPortEnterCritical(void);
void vPortExitCritical(void);
#define portENTER_CRITICAL() vPortEnterCritical()
#define portEXIT_CRITICAL() vPortExitCritical()
#define taskENTER_CRITICAL() portENTER_CRITICAL()
#define taskEXIT_CRITICAL() portEXIT_CRITICAL()

static unsigned queued;

static void producer(void *pv)
{
    (void)pv;
    for (;;) {
        taskENTER_CRITICAL();
        if (queued < 16)
            queued++; // expect: data-race 'queued'
        taskEXIT_CRITICAL();
        vTaskDelay(1);
    }
}

static void consumer(void *pv)
{
    (void)pv;
    for (;;) {
        unsigned n;
        taskENTER_CRITICAL();
        n = queued;
        taskEXIT_CRITICAL();
        if (n > 0)
            queued--; /* BUG: outside the critical section */
        vTaskDelay(2);
    }
}

int main(void)
{
    xTaskCreate(producer, "prod", 128, NULL, 2, NULL);
    xTaskCreate(consumer, "cons", 128, NULL, 2, NULL);
    vTaskStartScheduler();
    return 0;
}
