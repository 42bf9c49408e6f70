import { formatPrice } from "./format";

export function lineLabels(items) {
  return items.map((item) => { // wfc-expect: correctness medium
    `${item.quantity} x ${item.name} (${formatPrice(item.price)})`;
  });
}

export function isEmpty(cart) {
  return !cart.items.length > 0; // wfc-expect: correctness medium
}

export function loadCart(id) {
  const raw = localStorage.getItem(`cart:${id}`);
  try {
    return raw ? JSON.parse(raw) : { items: [] };
  } catch (err) {
    console.warn("corrupt cart in storage", err);
    localStorage.removeItem(`cart:${id}`);
    return { items: [] };
  }
}
