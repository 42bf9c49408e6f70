DELIMITER //
CREATE PROCEDURE list_table(IN tbl VARCHAR(64))
BEGIN
    SET @s = CONCAT('SELECT * FROM ', tbl, ' LIMIT 100'); -- wfc-expect: security high
    PREPARE stmt FROM @s;
    EXECUTE stmt;
    DEALLOCATE PREPARE stmt;
END //
DELIMITER ;
