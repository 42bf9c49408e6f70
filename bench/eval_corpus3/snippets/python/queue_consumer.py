def consume(queue, handle) -> None:
    while True:
        msg = queue.get()
        try:
            handle(msg)
            queue.ack(msg)
        except:
            queue.nack(msg)
