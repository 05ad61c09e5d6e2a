-- The voicemail catch-up and the transcription gauges (read every 15 s) look only at audio
-- attachments; without this they would scan every attachment the hub ever stored.
create index attachment_audio on attachment (id) where content_type like 'audio/%';
