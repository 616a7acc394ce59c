#!/usr/bin/env node
// A tiny hotel booking API for the api-booking example (Node.js built-ins only, data in memory).
//
//   node graphs/data/api-booking/server.mjs [--port N]     (default 8787; 0 picks a free port)
//
// Listens on 127.0.0.1 only and prints its address as its first line of output:
//   booking API listening on http://127.0.0.1:8787
//
//   GET  /hotels?city=Lisbon&max_price=120   hotels of a city at or under max_price per night, cheapest first
//   POST /bookings  {"hotel_id": "LIS-02", "nights": 3}
//        201 with the booking; with an Idempotency-Key header, the same key again returns the same
//        booking (200, header Idempotent-Replayed: true) instead of booking twice; the same key with
//        another hotel or number of nights is refused (409)
//   GET  /bookings/:id                        one booking
//   GET  /bookings                            every booking (to check what was booked)
//
// Answers are deterministic: booking ids count up from BK-1001 in the order bookings are made.
import http from 'node:http';

const HOTELS = [
  { id: 'LIS-01', name: 'Hostel Alfama Terrace', city: 'Lisbon', price: 58, rating: 4.1, area: 'Alfama', breakfast: false,
    notes: 'bar on the terrace until 2 am' },
  { id: 'LIS-02', name: 'Casa do Jardim', city: 'Lisbon', price: 96, rating: 4.6, area: 'Estrela', breakfast: true,
    notes: 'quiet garden rooms, breakfast included' },
  { id: 'LIS-03', name: 'Baixa Central Hotel', city: 'Lisbon', price: 89, rating: 4.2, area: 'Baixa', breakfast: false,
    notes: 'next to the tram stop, street-facing rooms' },
  { id: 'LIS-04', name: 'Tagus Riverside Suites', city: 'Lisbon', price: 185, rating: 4.8, area: 'Belém', breakfast: true,
    notes: 'river view' },
  { id: 'POR-01', name: 'Ribeira Guesthouse', city: 'Porto', price: 74, rating: 4.4, area: 'Ribeira', breakfast: true,
    notes: 'small rooms, old town' },
  { id: 'POR-02', name: 'Boavista Business Hotel', city: 'Porto', price: 112, rating: 4.0, area: 'Boavista', breakfast: true,
    notes: 'near the conference centre' },
  { id: 'BER-01', name: 'Spree Loft', city: 'Berlin', price: 129, rating: 4.5, area: 'Friedrichshain', breakfast: false,
    notes: 'loft apartments' },
];

const bookings = [];          // in the order they were made
const byKey = new Map();      // Idempotency-Key -> {request, booking}

function send(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function readJson(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      data += chunk;
      if (data.length > 64 * 1024) reject(new Error('body too large'));
    });
    req.on('end', () => {
      try {
        resolve(data ? JSON.parse(data) : {});
      } catch (e) {
        reject(new Error('body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

function searchHotels(url, res) {
  const city = (url.searchParams.get('city') || '').trim();
  const maxPrice = url.searchParams.has('max_price') ? Number(url.searchParams.get('max_price')) : Infinity;
  if (!city) return send(res, 400, { error: 'city is required, e.g. /hotels?city=Lisbon' });
  if (Number.isNaN(maxPrice)) return send(res, 400, { error: 'max_price must be a number' });
  const hotels = HOTELS.filter((h) => h.city.toLowerCase() === city.toLowerCase() && h.price <= maxPrice)
    .sort((a, b) => a.price - b.price || a.id.localeCompare(b.id));
  send(res, 200, { city, max_price: Number.isFinite(maxPrice) ? maxPrice : null, count: hotels.length, hotels });
}

async function createBooking(req, res) {
  const key = req.headers['idempotency-key'];
  let body;
  try {
    body = await readJson(req);
  } catch (e) {
    return send(res, 400, { error: e.message });
  }
  const request = JSON.stringify([body.hotel_id, body.nights]);
  if (key && byKey.has(key)) {
    const seen = byKey.get(key);
    if (seen.request !== request) return send(res, 409, { error: 'Idempotency-Key was already used for another booking request' });
    return send(res, 200, seen.booking, { 'Idempotent-Replayed': 'true' });
  }
  const hotel = HOTELS.find((h) => h.id === body.hotel_id);
  if (!hotel) return send(res, 404, { error: `no hotel '${body.hotel_id}'` });
  if (!Number.isInteger(body.nights) || body.nights < 1 || body.nights > 30) {
    return send(res, 422, { error: 'nights must be a whole number from 1 to 30' });
  }
  const booking = {
    id: `BK-${1001 + bookings.length}`,
    status: 'confirmed',
    hotel_id: hotel.id,
    hotel_name: hotel.name,
    city: hotel.city,
    nights: body.nights,
    price_per_night: hotel.price,
    total: hotel.price * body.nights,
    currency: 'EUR',
  };
  bookings.push(booking);
  if (key) byKey.set(key, { request, booking });
  send(res, 201, booking, { Location: `/bookings/${booking.id}` });
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  try {
    if (req.method === 'GET' && path === '/hotels') return searchHotels(url, res);
    if (req.method === 'POST' && path === '/bookings') return await createBooking(req, res);
    if (req.method === 'GET' && path === '/bookings') return send(res, 200, { count: bookings.length, bookings });
    const m = path.match(/^\/bookings\/([A-Za-z0-9-]+)$/);
    if (req.method === 'GET' && m) {
      const b = bookings.find((x) => x.id === m[1]);
      return b ? send(res, 200, b) : send(res, 404, { error: `no booking '${m[1]}'` });
    }
    send(res, 404, { error: `no route ${req.method} ${path}` });
  } catch (e) {
    send(res, 500, { error: String(e && e.message ? e.message : e) });
  }
});

const i = process.argv.indexOf('--port');
const port = i > 0 ? Number(process.argv[i + 1]) : 8787;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error('usage: node server.mjs [--port N]   (N from 0 to 65535; 0 picks a free port)');
  process.exit(2);
}
server.listen(port, '127.0.0.1', () => {
  console.log(`booking API listening on http://127.0.0.1:${server.address().port}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0)); // nothing to flush: data lives in memory
