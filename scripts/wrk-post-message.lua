-- One new customer message per request (no Idempotency-Key), alternating Chinese and English,
-- with a waybill number and a customer address that varies so customers and tickets grow.
local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

request = function()
  counter = counter + 1
  local body
  if counter % 2 == 0 then
    body = string.format('{"name":"客户%d","email":"c%d@example.cn","subject":"我的快递到哪了","body":"运单号 SF%013d 还没到，请帮忙查询。"}',
      counter, counter % 5000, counter)
  else
    body = string.format('{"name":"Customer %d","email":"e%d@example.com","subject":"Order question","body":"Please change the delivery date of order SO2026%06d."}',
      counter, counter % 5000, counter)
  end
  return wrk.format(nil, "/api/messages", nil, body)
end
