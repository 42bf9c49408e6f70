CREATE PROCEDURE dbo.FindUser
    @name NVARCHAR(100)
AS
BEGIN
    DECLARE @sql NVARCHAR(MAX) = N'SELECT Id, Name FROM Users WHERE Name = ''' + @name + ''''; -- wfc-expect: security high
    EXEC sp_executesql @sql;
END
GO

CREATE PROCEDURE dbo.SortUsers
    @col SYSNAME
AS
BEGIN
    DECLARE @sql NVARCHAR(MAX);
    SET @sql = N'SELECT Id, Name FROM Users ORDER BY ' + QUOTENAME(@col);
    EXEC sp_executesql @sql;
END
GO
