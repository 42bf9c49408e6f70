CREATE TABLE users (
    id SERIAL PRIMARY KEY,
    email VARCHAR(255) NOT NULL UNIQUE,
    password VARCHAR(64) NOT NULL, -- wfc-expect: security low
    created_at TIMESTAMP NOT NULL DEFAULT now()
);

GRANT ALL PRIVILEGES ON users TO PUBLIC; -- wfc-expect: security medium
