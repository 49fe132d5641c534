-- Ending credentials at once (issues 20 and 22): every token and cookie carries its holder's stamp
-- as it was when issued; changing a password, disabling a user, rotating or revoking a client moves
-- the stamp on, and a request whose stamp is not the current one is refused.
alter table users add column if not exists security_stamp int not null default 0;
alter table users add column if not exists disabled_at timestamptz;

alter table api_clients add column if not exists security_stamp int not null default 0;
alter table api_clients add column if not exists rotated_at timestamptz;
alter table api_clients add column if not exists revoked_at timestamptz;
